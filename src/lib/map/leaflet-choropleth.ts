/**
 * The Leaflet side of the ward map, imported only by the map page once it has mounted, so Leaflet
 * (~40 KB gzip with its CSS) never loads with the capture page.
 */
import * as L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import type { MapTiles } from '$lib/domain/ward-map';

/** Required wherever ONS boundaries are drawn (Open Government Licence v3.0). */
export const BOUNDARY_ATTRIBUTION =
  'Source: Office for National Statistics licensed under the Open Government Licence v.3.0. ' +
  'Contains OS data © Crown copyright and database right 2025';

export interface WardShape {
  code: string;
  boundary: { type: 'Polygon' | 'MultiPolygon'; coordinates: unknown };
}

/** How one ward looks now: its fill, and its name and figures as one plain sentence. */
export interface WardAppearance {
  fill: string;
  text: string;
}

export interface ChoroplethMap {
  /** Colours and relabels every ward. */
  restyle(appearanceOf: (code: string) => WardAppearance): void;
  destroy(): void;
}

/** Leaflet attributions are HTML; ours are text, so they are escaped. */
const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/**
 * Draws `wards` (in the order keyboard users reach them) into `container`. Each ward is an SVG
 * path a keyboard reaches with Tab: named by its figures, it shows them in a tooltip on hover or
 * focus (built as text, never HTML), and opens with a click or Enter.
 */
export function createChoroplethMap(
  container: HTMLElement,
  wards: readonly WardShape[],
  tiles: MapTiles,
  onOpen: (code: string) => void
): ChoroplethMap {
  const calm = matchMedia('(prefers-reduced-motion: reduce)').matches;
  const map = L.map(container, {
    zoomSnap: 0.25,
    attributionControl: false,
    renderer: L.svg({ padding: 0.5 }),
    // No fading: a tooltip goes the moment focus leaves its ward, so only one is ever read.
    fadeAnimation: false,
    zoomAnimation: !calm,
    markerZoomAnimation: !calm
  });
  L.control.attribution({ prefix: false }).addTo(map).addAttribution(escapeHtml(BOUNDARY_ATTRIBUTION));
  if (tiles.url) {
    L.tileLayer(tiles.url, { attribution: tiles.attribution ? escapeHtml(tiles.attribution) : undefined }).addTo(map);
  }
  const texts = new Map<string, string>();
  const features: Feature<Polygon | MultiPolygon, { code: string }>[] = wards.map((ward) => ({
    type: 'Feature',
    properties: { code: ward.code },
    geometry: ward.boundary as Polygon | MultiPolygon
  }));
  const layer = L.geoJSON(features, {
    style: {
      color: '#505a5f',
      weight: wards.length > 1000 ? 0.4 : 1,
      fillColor: '#ffffff',
      fillOpacity: tiles.url ? 0.75 : 1
    },
    onEachFeature(feature, wardLayer) {
      const code = feature.properties.code as string;
      wardLayer.bindTooltip(() => {
        const tooltip = document.createElement('span');
        tooltip.textContent = texts.get(code) ?? '';
        return tooltip;
      });
      wardLayer.on('click', () => onOpen(code));
      // Leaflet points the path at the tooltip as its description; the path's name already says it all.
      wardLayer.on('tooltipopen', () => (wardLayer as L.Path).getElement()?.removeAttribute('aria-describedby'));
    }
  });
  // The map needs a view before it draws anything; the paths exist once the layer is added.
  const bounds = layer.getBounds();
  if (bounds.isValid()) map.fitBounds(bounds, { padding: [8, 8] });
  else map.setView([52.8, -1.6], 6); // no boundaries: England
  layer.addTo(map);

  layer.eachLayer((wardLayer) => {
    const code = ((wardLayer as L.GeoJSON).feature as Feature).properties!.code as string;
    const path = (wardLayer as L.Path).getElement() as SVGPathElement;
    path.setAttribute('data-ward-code', code);
    path.setAttribute('tabindex', '0');
    path.setAttribute('role', 'link');
    path.classList.add('ward-area');
    path.addEventListener('keydown', (event) => {
      if (event.key === 'Enter') onOpen(code);
    });
    path.addEventListener('focus', () => {
      const bounds = (wardLayer as L.Polygon).getBounds();
      if (!map.getBounds().contains(bounds.getCenter())) map.panTo(bounds.getCenter());
    });
  });
  // Focusing a ward outside the view makes the browser scroll Leaflet's container, which Leaflet
  // does not expect (the map slides out of place); it pans to the ward instead (above).
  const unscroll = () => {
    container.scrollTop = 0;
    container.scrollLeft = 0;
  };
  container.addEventListener('scroll', unscroll);

  return {
    restyle(appearanceOf) {
      layer.eachLayer((wardLayer) => {
        const code = ((wardLayer as L.GeoJSON).feature as Feature).properties!.code as string;
        const look = appearanceOf(code);
        texts.set(code, look.text);
        (wardLayer as L.Path).setStyle({ fillColor: look.fill });
        (wardLayer as L.Path).getElement()?.setAttribute('aria-label', look.text);
        if (wardLayer.isTooltipOpen()) wardLayer.getTooltip()?.update();
      });
    },
    destroy() {
      container.removeEventListener('scroll', unscroll);
      map.remove();
    }
  };
}

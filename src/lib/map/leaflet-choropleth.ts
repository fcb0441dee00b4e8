/**
 * The Leaflet side of the ward map, imported only by the map page once it has mounted, so Leaflet
 * (~40 KB gzip with its CSS) never loads with the capture page.
 */
import * as L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import type { MapTiles } from '$lib/domain/ward-map';
import type { WardAppearance } from './choropleth';

/** Required wherever ONS boundaries are drawn (Open Government Licence v3.0). */
export const BOUNDARY_ATTRIBUTION =
  'Source: Office for National Statistics licensed under the Open Government Licence v.3.0. ' +
  'Contains OS data © Crown copyright and database right 2025';

export interface WardShape {
  code: string;
  boundary: { type: 'Polygon' | 'MultiPolygon'; coordinates: unknown };
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
 * path a keyboard reaches with Tab: named by its figures, it shows them in the map's tooltip on
 * hover or focus (built as text, never HTML), and opens with a click or Enter.
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
    }
  });
  // The map needs a view before it draws anything; the paths exist once the layer is added.
  const bounds = layer.getBounds();
  if (bounds.isValid()) map.fitBounds(bounds, { padding: [8, 8] });
  else map.setView([52.8, -1.6], 6); // no boundaries: England
  layer.addTo(map);

  // One tooltip and one listener of each kind for the whole map, not one per ward: England has
  // 6,826 wards, and per-ward tooltips and handlers were a third of the time to first paint.
  const wardPaths = markWardPaths(layer);
  const wardAt = (target: EventTarget | null) => wardPaths.get(target as SVGPathElement);
  const tooltip = wardTooltip(map, (code) => texts.get(code) ?? '');

  layer.on('mousemove', (event: L.LeafletMouseEvent) => {
    const found = wardAt(event.originalEvent.target);
    if (found) tooltip.show(found.code, event.latlng);
  });
  layer.on('mouseout', tooltip.hide);
  layer.on('click', (event: L.LeafletMouseEvent) => {
    const found = wardAt(event.originalEvent.target);
    if (found) onOpen(found.code);
  });
  const onFocus = (event: FocusEvent) => {
    const found = wardAt(event.target);
    if (!found) return;
    const centre = found.ward.getBounds().getCenter();
    if (!map.getBounds().contains(centre)) map.panTo(centre);
    tooltip.show(found.code, centre);
  };
  const onBlur = (event: FocusEvent) => {
    if (wardAt(event.target)) tooltip.hide();
  };
  const onKeydown = (event: KeyboardEvent) => {
    const found = wardAt(event.target);
    if (found && event.key === 'Enter') onOpen(found.code);
  };
  container.addEventListener('focusin', onFocus);
  container.addEventListener('focusout', onBlur);
  container.addEventListener('keydown', onKeydown);
  // Focusing a ward outside the view makes the browser scroll Leaflet's container, which Leaflet
  // does not expect (the map slides out of place); it pans to the ward instead (above).
  const unscroll = () => {
    container.scrollTop = 0;
    container.scrollLeft = 0;
  };
  container.addEventListener('scroll', unscroll);

  return {
    restyle(appearanceOf) {
      for (const [path, { code, ward }] of wardPaths) {
        const look = appearanceOf(code);
        texts.set(code, look.text);
        // Straight to the path: Leaflet's setStyle rewrites every style attribute of every ward.
        ward.options.fillColor = look.fill;
        path.setAttribute('fill', look.fill);
        path.setAttribute('aria-label', look.text);
      }
      tooltip.refresh();
    },
    destroy() {
      container.removeEventListener('focusin', onFocus);
      container.removeEventListener('focusout', onBlur);
      container.removeEventListener('keydown', onKeydown);
      container.removeEventListener('scroll', unscroll);
      map.remove();
    }
  };
}

/** Makes each ward's path a keyboard stop named by its code; the paths, with their wards. */
function markWardPaths(layer: L.GeoJSON): Map<SVGPathElement, { code: string; ward: L.Polygon }> {
  const wardPaths = new Map<SVGPathElement, { code: string; ward: L.Polygon }>();
  layer.eachLayer((wardLayer) => {
    const code = ((wardLayer as L.GeoJSON).feature as Feature).properties!.code as string;
    const path = (wardLayer as L.Path).getElement() as SVGPathElement;
    path.setAttribute('data-ward-code', code);
    path.setAttribute('tabindex', '0');
    path.setAttribute('role', 'link');
    path.classList.add('ward-area');
    wardPaths.set(path, { code, ward: wardLayer as L.Polygon });
  });
  return wardPaths;
}

/** The map's one tooltip, showing a ward's sentence as text (never HTML: names come from files). */
function wardTooltip(map: L.Map, textOf: (code: string) => string) {
  const tooltip = L.tooltip({ direction: 'top', className: 'ward-tooltip' });
  let shown: string | null = null;
  const content = (code: string) => {
    const text = document.createElement('span');
    text.textContent = textOf(code);
    return text;
  };
  return {
    show(code: string, at: L.LatLng) {
      shown = code;
      tooltip.setContent(content(code)).setLatLng(at);
      if (!map.hasLayer(tooltip)) tooltip.addTo(map);
    },
    hide() {
      shown = null;
      tooltip.remove();
    },
    /** After a restyle: the open tooltip says the ward's new figures. */
    refresh() {
      if (shown) tooltip.setContent(content(shown));
    }
  };
}

/**
 * The Leaflet side of the ward map, imported only by the map page once it has mounted, so Leaflet
 * (~40 KB gzip with its CSS) never loads with the capture page.
 */
import * as L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { BOUNDARY_COLOUR, LOADING_FILL, type WardAppearance } from './choropleth';
import { wardLabels } from './leaflet-ward-labels';

export interface WardShape {
  code: string;
  boundary: { type: 'Polygon' | 'MultiPolygon'; coordinates: unknown };
}

export interface ChoroplethMap {
  /** Colours and relabels every ward. */
  restyle(appearanceOf: (code: string) => WardAppearance): void;
  /** Marks the ward whose figures the panel shows (a touch's first tap), or none. */
  select(code: string | null): void;
  destroy(): void;
}

export interface ChoroplethHandlers {
  /** A click or Enter on a ward: open its page. */
  onOpen(code: string): void;
  /** A tap on a ward (touch), or on no ward (null): show its figures first, not its page. */
  onSelect(code: string | null): void;
}

/** Room around the wards when the map fits them, in pixels. */
const FIT_PADDING: L.PointExpression = [8, 8];

/**
 * Draws `wards` (in the order keyboard users reach them) into `container`. Each ward is an SVG
 * path a keyboard reaches with Tab: named by its figures, it shows them in the map's tooltip on
 * hover or focus (built as text, never HTML), and opens with a click or Enter. A tap of a finger
 * selects it instead (`onSelect`), so a finger that cannot hover still sees the figures first.
 * Ward names label the wards they fit inside, at the current zoom.
 */
export function createChoroplethMap(container: HTMLElement, wards: readonly WardShape[], tileUrl: string | null, handlers: ChoroplethHandlers): ChoroplethMap {
  const calm = matchMedia('(prefers-reduced-motion: reduce)').matches;
  const map = L.map(container, {
    // Any zoom, so the wards fill the map exactly (a step of 0.25 left up to a sixth of it empty);
    // the buttons and the wheel still zoom by whole steps.
    zoomSnap: 0,
    // Resizes are followed below (a ResizeObserver sees the map's own box change, not only the window's).
    trackResize: false,
    attributionControl: false,
    renderer: L.svg({ padding: 0.5 }),
    // No fading: a tooltip goes the moment focus leaves its ward, so only one is ever read.
    fadeAnimation: false,
    zoomAnimation: !calm,
    markerZoomAnimation: !calm
  });
  // The credits (ONS's, and the tiles') are text below the map (ChoroplethMap.svelte), not
  // Leaflet's control, which on a phone covered a third of the wards.
  if (tileUrl) L.tileLayer(tileUrl).addTo(map);
  const texts = new Map<string, string>();
  const features: Feature<Polygon | MultiPolygon, { code: string }>[] = wards.map((ward) => ({
    type: 'Feature',
    properties: { code: ward.code },
    geometry: ward.boundary as Polygon | MultiPolygon
  }));
  const layer = L.geoJSON(features, {
    style: {
      color: BOUNDARY_COLOUR,
      weight: wards.length > 1000 ? 0.4 : 1,
      fillColor: LOADING_FILL,
      fillOpacity: tileUrl ? 0.75 : 1
    }
  });
  // The map needs a view before it draws anything; the paths exist once the layer is added.
  const bounds = layer.getBounds();
  /** Whether someone zoomed or dragged the map: then a resize keeps their view instead of refitting. */
  let moved = false;
  let fitting = false;
  const fit = () => {
    fitting = true;
    if (bounds.isValid()) map.fitBounds(bounds, { padding: FIT_PADDING, animate: false });
    else map.setView([52.8, -1.6], 6); // no boundaries: England
    fitting = false;
  };
  map.on('dragstart', () => (moved = true));
  map.on('zoomstart', () => (moved ||= !fitting));
  fit();
  layer.addTo(map);

  // One tooltip and one listener of each kind for the whole map, not one per ward: England has
  // 6,826 wards, and per-ward tooltips and handlers were a third of the time to first paint.
  const wardPaths = markWardPaths(layer);
  const wardAt = (target: EventTarget | null) => wardPaths.get(target as SVGPathElement);
  const tooltip = wardTooltip(map, (code) => texts.get(code) ?? '');
  const labels = wardLabels(map, wards, container);

  /** What last pressed on the map: a finger's tap selects a ward, a mouse's click opens it. */
  let pointer = 'mouse';
  const onPointerDown = (event: PointerEvent) => {
    pointer = event.pointerType;
    if (pointer === 'touch') tooltip.hide();
  };
  const byTouch = (event: Event) => ('pointerType' in event && event.pointerType ? event.pointerType : pointer) === 'touch';

  layer.on('mousemove', (event: L.LeafletMouseEvent) => {
    if (pointer === 'touch') return; // a tap's emulated mouse: the panel shows the figures
    const found = wardAt(event.originalEvent.target);
    if (found) tooltip.show(found.code, event.latlng);
  });
  layer.on('mouseout', tooltip.hide);
  layer.on('click', (event: L.LeafletMouseEvent) => {
    const found = wardAt(event.originalEvent.target);
    if (!found) return;
    L.DomEvent.stopPropagation(event); // not also a click on the map, which would unselect it
    if (byTouch(event.originalEvent)) handlers.onSelect(found.code);
    else handlers.onOpen(found.code);
  });
  map.on('click', () => handlers.onSelect(null));
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
    if (found && event.key === 'Enter') handlers.onOpen(found.code);
  };
  container.addEventListener('pointerdown', onPointerDown, true);
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

  // A phone turned on its side, a window resized, the page's layout settling: the map follows its
  // box, and the wards fill it again unless someone has zoomed or panned since they were fitted.
  const resized = new ResizeObserver(() => {
    map.invalidateSize({ animate: false });
    if (!moved) fit();
    labels.placeSoon();
  });
  resized.observe(container);
  map.on('zoomend moveend', labels.placeSoon);
  let selected: SVGPathElement | null = null;

  return {
    restyle(appearanceOf) {
      for (const [path, { code, ward }] of wardPaths) {
        const look = appearanceOf(code);
        texts.set(code, look.text);
        labels.name(code, look.name);
        // Straight to the path: Leaflet's setStyle rewrites every style attribute of every ward.
        ward.options.fillColor = look.fill;
        path.setAttribute('fill', look.fill);
        path.setAttribute('aria-label', look.text);
      }
      tooltip.refresh();
      labels.placeSoon();
    },
    select(code) {
      selected?.classList.remove('ward-selected');
      selected = null;
      for (const [path, found] of wardPaths) {
        if (found.code !== code) continue;
        selected = path;
        path.classList.add('ward-selected');
        found.ward.bringToFront(); // its thicker outline is not hidden under its neighbours'
      }
    },
    destroy() {
      resized.disconnect();
      labels.cancel();
      container.removeEventListener('pointerdown', onPointerDown, true);
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

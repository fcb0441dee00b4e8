/** Ward names on the Leaflet map (the map page's lazy chunk), placed with the pure geometry of ward-labels.ts. */
import * as L from 'leaflet';
import type { Polygon } from 'geojson';
import type { WardShape } from './leaflet-choropleth';
import { labelFits, labelLines, labelPoint } from './ward-labels';

/** The labels' type: bold enough to read over any class's blue, with a white halo (CSS). */
const LABEL_FONT_SIZE = 13;
const LABEL_FONT = `600 ${LABEL_FONT_SIZE}px`;
const LABEL_LINE_HEIGHT = 16;
/** Room kept between a label and its ward's outline, in pixels. */
const LABEL_MARGIN = 2;
/** How long labels are placed before the page is given back to a tap or a keypress. */
const SLICE_MS = 8;

/**
 * Ward names drawn on the map where they fit inside their ward at the current zoom, recalculated
 * after every zoom, pan and resize. They are pictures of text for sighted readers (aria-hidden,
 * not focusable, let taps through): each ward's path already carries its name and figures.
 */
export function wardLabels(map: L.Map, wards: readonly WardShape[], container: HTMLElement) {
  const pane = map.createPane('ward-labels');
  pane.setAttribute('aria-hidden', 'true');
  const geometryOf = new Map(wards.map((ward) => [ward.code, ward.boundary]));
  const names = new Map<string, string>();
  const points = new Map<string, L.LatLng>();
  const boxes = new Map<string, L.LatLngBounds>();
  const shown = new Map<string, { marker: L.Marker; text: string }>();
  /** The view and names the labels were last placed for: a restyle with the same names costs nothing. */
  let placedFor = '';
  /** The next call of place(), and the next few wards of a placing under way. */
  let soon: ReturnType<typeof setTimeout> | undefined;
  let pending: ReturnType<typeof setTimeout> | undefined;
  let soonPending = false;
  let slicing = false;
  const measure = document.createElement('canvas').getContext('2d');
  /** Widths by text, measured once in the page's font (reading the font each time restyled the page). */
  const widths = new Map<string, number>();
  const widthOf = (text: string) => {
    let width = widths.get(text);
    if (width === undefined) {
      if (measure && !measure.font.includes(LABEL_FONT)) measure.font = `${LABEL_FONT} ${getComputedStyle(container).fontFamily}`;
      width = measure ? measure.measureText(text).width : text.length * LABEL_FONT_SIZE * 0.6;
      widths.set(text, width);
    }
    return width;
  };
  const pointOf = (code: string) => {
    let point = points.get(code);
    if (!point) {
      const [lon, lat] = labelPoint(geometryOf.get(code)!);
      points.set(code, (point = L.latLng(lat, lon)));
    }
    return point;
  };
  const boxOf = (code: string) => {
    let box = boxes.get(code);
    if (!box) boxes.set(code, (box = L.geoJSON(geometryOf.get(code) as Polygon).getBounds()));
    return box;
  };
  const toLonLat = (x: number, y: number): [number, number] => {
    const { lat, lng } = map.containerPointToLatLng([x, y]);
    return [lng, lat];
  };

  /** The lines of a ward's name that fit inside it now, or null when no way of setting it does. */
  function fitting(code: string, name: string): string[] | null {
    const view = map.getBounds();
    const box = boxOf(code);
    if (!view.intersects(box)) return null;
    const size = map.latLngToContainerPoint(box.getSouthEast()).subtract(map.latLngToContainerPoint(box.getNorthWest()));
    for (const lines of labelLines(name)) {
      const width = Math.max(...lines.map(widthOf)) + 2 * LABEL_MARGIN;
      const height = lines.length * LABEL_LINE_HEIGHT + 2 * LABEL_MARGIN;
      // The ward's box is too small: no closer look (and its label point is never worked out).
      if (size.x < width || size.y < height) continue;
      if (labelFits(geometryOf.get(code)!, map.latLngToContainerPoint(pointOf(code)), { width, height }, toLonLat)) return lines;
    }
    return null;
  }

  function label(lines: string[]): L.DivIcon {
    const element = document.createElement('span');
    element.className = 'ward-label-text';
    for (const line of lines) {
      const part = document.createElement('span');
      part.textContent = line; // text, never HTML: names come from files
      element.append(part);
    }
    return L.divIcon({ className: 'ward-label', html: element, iconSize: [0, 0] });
  }

  return {
    name(code: string, name: string) {
      names.set(code, name);
    },
    /** Places the names after the map has been drawn, in a task of their own: a slow phone draws the wards sooner. */
    placeSoon() {
      clearTimeout(soon);
      soonPending = true;
      pane.dataset.labels = 'placing';
      soon = setTimeout(place);
    },
    cancel() {
      clearTimeout(soon);
      clearTimeout(pending);
    }
  };

  /**
   * Places the names again if they or the map's view changed since they were last placed: a few
   * wards at a time, giving the page back between them, so a slow phone still answers a tap while
   * a whole country's names are placed. A new view starts again.
   */
  function place() {
    soonPending = false;
    const view = `${map.getZoom()} ${map.getCenter().toString()} ${map.getSize().toString()} ${[...names.values()].join('\n')}`;
    if (view === placedFor) {
      if (!slicing) pane.dataset.labels = 'placed';
      return;
    }
    placedFor = view;
    clearTimeout(pending);
    slicing = true;
    const remaining = [...names];
    const placeSome = () => {
      const until = performance.now() + SLICE_MS;
      while (remaining.length > 0 && performance.now() < until) {
        const [code, name] = remaining.pop()!;
        placeOne(code, name);
      }
      if (remaining.length > 0) {
        pending = setTimeout(placeSome);
        return;
      }
      slicing = false;
      // Said on the pane, for tests that count labels: "placed" once no placing is under way or asked for.
      if (!soonPending) pane.dataset.labels = 'placed';
    };
    placeSome();
  }

  function placeOne(code: string, name: string) {
    const lines = fitting(code, name);
    const text = lines?.join('\n') ?? null;
    const current = shown.get(code);
    if (current && current.text === text) return;
    current?.marker.remove();
    shown.delete(code);
    if (!lines || !text) return;
    const marker = L.marker(pointOf(code), { icon: label(lines), interactive: false, keyboard: false, pane: 'ward-labels' }).addTo(map);
    shown.set(code, { marker, text });
  }
}

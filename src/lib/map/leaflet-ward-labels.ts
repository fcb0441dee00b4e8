/** Ward names on the Leaflet map (the map page's lazy chunk), placed with the pure geometry of ward-labels.ts. */
import * as L from 'leaflet';
import type { Polygon } from 'geojson';
import type { WardShape } from './leaflet-choropleth';
import { labelFits, labelLines, labelPoint } from './ward-labels';

/** The labels' type: bold enough to read over any class's blue, with a white halo (CSS). */
const LABEL_FONT_SIZE = 13;
const LABEL_LINE_HEIGHT = 16;
/** Room kept between a label and its ward's outline, in pixels. */
const LABEL_MARGIN = 2;

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
  const measure = document.createElement('canvas').getContext('2d');
  const widthOf = (text: string) => {
    if (!measure) return text.length * LABEL_FONT_SIZE * 0.6;
    measure.font = `600 ${LABEL_FONT_SIZE}px ${getComputedStyle(container).fontFamily}`;
    return measure.measureText(text).width;
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
    const centre = map.latLngToContainerPoint(pointOf(code));
    for (const lines of labelLines(name)) {
      const width = Math.max(...lines.map(widthOf)) + 2 * LABEL_MARGIN;
      const height = lines.length * LABEL_LINE_HEIGHT + 2 * LABEL_MARGIN;
      if (size.x < width || size.y < height) continue; // the ward's box is too small: no closer look
      if (labelFits(geometryOf.get(code)!, centre, { width, height }, toLonLat)) return lines;
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
    place() {
      for (const [code, name] of names) {
        const lines = fitting(code, name);
        const text = lines?.join('\n') ?? null;
        const current = shown.get(code);
        if (current && current.text === text) continue;
        current?.marker.remove();
        shown.delete(code);
        if (!lines || !text) continue;
        const marker = L.marker(pointOf(code), { icon: label(lines), interactive: false, keyboard: false, pane: 'ward-labels' }).addTo(map);
        shown.set(code, { marker, text });
      }
    }
  };
}

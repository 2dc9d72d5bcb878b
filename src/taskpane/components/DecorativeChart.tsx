/**
 * A Fluent chart drawn for sighted users only: its figures are also shown as text and in a visually
 * hidden table. Fluent's bar charts mark their segments up as a focusable listbox of options, which
 * tells a screen reader there is something to select; `inert` (with aria-hidden for older readers)
 * takes the drawing out of the accessibility tree and the tab order.
 */
import React from "react";

/** HorizontalBarChart moves each segment right by 3 px per segment before it (its MARGIN_WIDTH_IN_PX). */
const FLUENT_SEGMENT_GAP_PX = 3;

export interface DecorativeChartProps {
  children: React.ReactNode;
  /** Segments of a Fluent horizontal bar: their gaps are reserved so the bar ends inside its box. */
  segments?: number;
}

export function DecorativeChart({ children, segments = 1 }: DecorativeChartProps) {
  // React 18 does not know `inert`; an empty string sets the boolean attribute.
  const inert = { inert: "" } as React.HTMLAttributes<HTMLDivElement>;
  const reserve = Math.max(0, segments - 1) * FLUENT_SEGMENT_GAP_PX;
  return (
    <div
      aria-hidden="true"
      data-decorative-chart=""
      style={{ paddingInlineEnd: `${reserve}px`, minWidth: 0 }}
      {...inert}
    >
      {children}
    </div>
  );
}

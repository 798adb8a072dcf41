"use client";
/**
 * One ECharts chart, drawn in the browser from a plain (serialisable) option.
 * Only the chart types and components the dashboard uses are registered.
 * ECharts ships its Chinese locale built in ("ZH"); we pick it for zh-CN.
 * The chart is an image to assistive technology (role="img" + aria-label);
 * its numbers follow it as a table (ChartTable), which is also what prints.
 */
import { useEffect, useRef } from "react";
import * as echarts from "echarts/core";
import { BarChart, FunnelChart, LineChart } from "echarts/charts";
import { GridComponent, LegendComponent, TooltipComponent } from "echarts/components";
import { SVGRenderer } from "echarts/renderers";
import type { EChartsCoreOption } from "echarts/core";

echarts.use([BarChart, FunnelChart, LineChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

export type ChartOption = EChartsCoreOption;

/**
 * ECharts 6 puts a legend at the bottom, over the category axis's labels:
 * legends sit at the top, above the grid (a chart with a legend leaves it
 * room with its grid's `top`).
 */
const LEGEND = { top: 0, left: "center" };

export function Chart({ option, label, locale, height = 280 }: { option: ChartOption; label: string; locale: string; height?: number }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const chart = echarts.init(el, null, { renderer: "svg", locale: locale === "zh-CN" ? "ZH" : "EN" });
    chart.setOption({ animation: false, ...option, ...(option.legend ? { legend: { ...LEGEND, ...(option.legend as object) } } : {}) });
    const observer = new ResizeObserver(() => chart.resize());
    observer.observe(el);
    return () => {
      observer.disconnect();
      chart.dispose();
    };
  }, [option, locale]);
  return <div ref={ref} role="img" aria-label={label} className="w-full print:hidden" style={{ height }} />;
}

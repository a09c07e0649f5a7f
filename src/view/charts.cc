#include "view/charts.h"

#include <algorithm>
#include <cstdio>

#include "view/templates.h"

namespace cultivate::view {

namespace {
std::string Num(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", v);
  return buf;
}
}  // namespace

std::string PhaseTimelineSvg(const nlohmann::json& phases) {
  const int n = static_cast<int>(phases.size());
  if (n == 0) return {};
  const double w = 960, step = w / n;
  std::string s = "<svg class=\"timeline-svg\" viewBox=\"0 0 960 120\" aria-hidden=\"true\" "
                  "focusable=\"false\" xmlns=\"http://www.w3.org/2000/svg\">";
  s += "<line x1=\"" + Num(step / 2) + "\" y1=\"40\" x2=\"" + Num(w - step / 2) +
       "\" y2=\"40\" stroke=\"#1f6b4a\" stroke-width=\"4\"/>";
  for (int i = 0; i < n; ++i) {
    const auto& p = phases[i];
    double cx = step / 2 + i * step;
    s += "<circle cx=\"" + Num(cx) + "\" cy=\"40\" r=\"18\" fill=\"#1f6b4a\"/>";
    s += "<text x=\"" + Num(cx) + "\" y=\"46\" text-anchor=\"middle\" fill=\"#fff\" font-size=\"17\" "
         "font-weight=\"700\">" + std::to_string(i + 1) + "</text>";
    s += "<text x=\"" + Num(cx) + "\" y=\"86\" text-anchor=\"middle\" font-size=\"19\" "
         "font-weight=\"700\" fill=\"#134a32\">" + EscapeHtml(p.value("title", "")) + "</text>";
    s += "<text x=\"" + Num(cx) + "\" y=\"108\" text-anchor=\"middle\" font-size=\"15\" "
         "fill=\"#4a5650\">" + EscapeHtml(p.value("stage", "")) + "</text>";
  }
  s += "</svg>";
  return s;
}

std::string NowTargetSvg(const std::vector<Bar>& bars, const std::string& title_id) {
  const double label_w = 300, chart_w = 360, row_h = 44, top = 8, bar_h = 14;
  const double total_h = top + row_h * static_cast<double>(bars.size()) + 24;
  std::string s = "<svg class=\"chart\" viewBox=\"0 0 " + Num(label_w + chart_w + 50) + " " +
                  Num(total_h) + "\" xmlns=\"http://www.w3.org/2000/svg\" aria-hidden=\"true\" "
                  "focusable=\"false\" data-for=\"" + EscapeHtml(title_id) + "\">";
  for (int g = 0; g <= 4; ++g) {
    double x = label_w + chart_w * g / 4.0;
    s += "<line class=\"grid\" x1=\"" + Num(x) + "\" y1=\"" + Num(top - 4) + "\" x2=\"" + Num(x) +
         "\" y2=\"" + Num(total_h - 20) + "\"/>";
    s += "<text x=\"" + Num(x) + "\" y=\"" + Num(total_h - 4) + "\" text-anchor=\"middle\">" +
         std::to_string(g * 25) + "</text>";
  }
  for (size_t i = 0; i < bars.size(); ++i) {
    const Bar& b = bars[i];
    double y = top + row_h * static_cast<double>(i);
    s += "<text x=\"" + Num(label_w - 10) + "\" y=\"" + Num(y + 20) + "\" text-anchor=\"end\">" +
         EscapeHtml(b.label) + "</text>";
    auto bar = [&](const std::optional<double>& v, double dy, const char* cls) {
      if (!v) {
        s += "<text x=\"" + Num(label_w + 4) + "\" y=\"" + Num(y + dy + 11) + "\" font-size=\"11\">no answers</text>";
        return;
      }
      double width = chart_w * std::clamp(*v, 0.0, 100.0) / 100.0;
      s += "<rect class=\"" + std::string(cls) + "\" x=\"" + Num(label_w) + "\" y=\"" + Num(y + dy) +
           "\" width=\"" + Num(std::max(width, 1.5)) + "\" height=\"" + Num(bar_h) + "\" rx=\"2\"/>";
      s += "<text x=\"" + Num(label_w + width + 6) + "\" y=\"" + Num(y + dy + 11) +
           "\" font-size=\"11\">" + std::to_string(static_cast<int>(*v + 0.5)) + "</text>";
    };
    bar(b.now, 4, "now");
    bar(b.target, 4 + bar_h + 2, "target");
  }
  s += "</svg>";
  return s;
}

std::string DistributionSvg(const std::vector<int>& counts) {
  const double half = 100, h = 14;  // 100 units either side of the middle line
  int total = 0;
  for (int c : counts) total += std::max(c, 0);
  std::string s = "<svg class=\"spread-bar\" viewBox=\"0 0 " + Num(2 * half) + " " + Num(h) +
                  "\" preserveAspectRatio=\"none\" xmlns=\"http://www.w3.org/2000/svg\" aria-hidden=\"true\" "
                  "focusable=\"false\"><rect class=\"track\" x=\"0\" y=\"0\" width=\"" + Num(2 * half) +
                  "\" height=\"" + Num(h) + "\"/>";
  if (total > 0 && counts.size() == 5) {
    auto share = [&](int i) { return half * std::max(counts[static_cast<size_t>(i)], 0) / total; };
    // Left of the middle, outward: half of point 2, then 1, then 0; right: half of 2, 3, 4.
    double left = half, right = half;
    auto rect = [&](double x, double w, int point) {
      if (w <= 0) return;
      s += "<rect class=\"p" + std::to_string(point) + "\" x=\"" + Num(x) + "\" y=\"0\" width=\"" +
           Num(w) + "\" height=\"" + Num(h) + "\"/>";
    };
    double mid = share(2) / 2;
    rect(left - mid, mid, 2);
    left -= mid;
    rect(right, mid, 2);
    right += mid;
    for (int p : {1, 0}) {
      rect(left - share(p), share(p), p);
      left -= share(p);
    }
    for (int p : {3, 4}) {
      rect(right, share(p), p);
      right += share(p);
    }
  }
  s += "<line class=\"mid\" x1=\"" + Num(half) + "\" y1=\"0\" x2=\"" + Num(half) + "\" y2=\"" +
       Num(h) + "\"/></svg>";
  return s;
}

std::string CountsSvg(const std::vector<CountBar>& rows, const std::string& title_id) {
  const double label_w = 220, chart_w = 360, row_h = 40, top = 8, bar_h = 13;
  const double total_h = top + row_h * static_cast<double>(rows.size()) + 8;
  int most = 1;
  for (const auto& r : rows) most = std::max({most, r.first, r.second});
  std::string s = "<svg class=\"chart\" viewBox=\"0 0 " + Num(label_w + chart_w + 50) + " " +
                  Num(total_h) + "\" xmlns=\"http://www.w3.org/2000/svg\" aria-hidden=\"true\" "
                  "focusable=\"false\" data-for=\"" + EscapeHtml(title_id) + "\">";
  for (size_t i = 0; i < rows.size(); ++i) {
    const CountBar& r = rows[i];
    double y = top + row_h * static_cast<double>(i);
    s += "<text x=\"" + Num(label_w - 10) + "\" y=\"" + Num(y + 18) + "\" text-anchor=\"end\">" +
         EscapeHtml(r.label) + "</text>";
    auto bar = [&](int v, double dy, const char* cls) {
      double width = chart_w * std::max(v, 0) / most;
      s += "<rect class=\"" + std::string(cls) + "\" x=\"" + Num(label_w) + "\" y=\"" +
           Num(y + dy) + "\" width=\"" + Num(std::max(width, 1.5)) + "\" height=\"" + Num(bar_h) +
           "\" rx=\"2\"/>";
      s += "<text x=\"" + Num(label_w + width + 6) + "\" y=\"" + Num(y + dy + 11) +
           "\" font-size=\"11\">" + std::to_string(v) + "</text>";
    };
    bar(r.first, 4, "now");
    bar(r.second, 4 + bar_h + 2, "target");
  }
  s += "</svg>";
  return s;
}

}  // namespace cultivate::view

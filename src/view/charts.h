#pragma once
/// Inline SVG charts, built as strings from numbers (no user text is ever placed in them
/// unescaped). Every chart is decorative for assistive technology (aria-hidden): the page
/// always shows the same data as a table next to it.

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace cultivate::view {

/// The five phases as a left-to-right timeline. `phases`: [{order, title, stage}].
std::string PhaseTimelineSvg(const nlohmann::json& phases);

struct Bar {
  std::string label;
  std::optional<double> now;     // 0..100
  std::optional<double> target;  // 0..100
};

/// Horizontal paired bars (now, target) on a 0-100 scale, one row per label.
std::string NowTargetSvg(const std::vector<Bar>& bars, const std::string& title_id);

/// One statement's answers as a diverging bar: the count for each point of the 0..4 scale
/// (`counts`, five numbers), low points to the left of the middle, high ones to the right,
/// the middle point split across it. Nothing but counts goes in, so it holds no text.
std::string DistributionSvg(const std::vector<int>& counts);

/// One row of a counts chart: two counts side by side (stories and indicators of a cycle).
struct CountBar {
  std::string label;
  int first = 0;
  int second = 0;
};
/// Horizontal paired bars of counts, scaled to the largest (at least 1), one row per label;
/// a row with nothing shows a thin outline so an empty row is visibly empty.
std::string CountsSvg(const std::vector<CountBar>& rows, const std::string& title_id);

}  // namespace cultivate::view

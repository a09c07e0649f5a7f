#pragma once
/// Message keys of value creation (issue 16): stories, indicators, the value matrix and the
/// sponsor brief. Included by common/message_keys.h; the words are in content/messages.toml.

#include "common/message.h"

#define CULTIVATE_VALUE_MESSAGE(name, id, placeholders) \
  inline const ::cultivate::MessageKey name{id, placeholders, __LINE__};

namespace cultivate::msg {

CULTIVATE_VALUE_MESSAGE(kStoryTitleMissing, "story-title-missing", "")
CULTIVATE_VALUE_MESSAGE(kStoryHappenedMissing, "story-happened-missing", "")
CULTIVATE_VALUE_MESSAGE(kStoryShareInvalid, "story-share-invalid", "")
CULTIVATE_VALUE_MESSAGE(kStoryAuthorMissing, "story-author-missing", "")
CULTIVATE_VALUE_MESSAGE(kStoryLimit, "story-limit", "max")
CULTIVATE_VALUE_MESSAGE(kStoryNotSaved, "story-not-saved", "")
CULTIVATE_VALUE_MESSAGE(kIndicatorNameMissing, "indicator-name-missing", "")
CULTIVATE_VALUE_MESSAGE(kIndicatorValueInvalid, "indicator-value-invalid", "")
CULTIVATE_VALUE_MESSAGE(kIndicatorCycleInvalid, "indicator-cycle-invalid", "")
CULTIVATE_VALUE_MESSAGE(kIndicatorPeriodInvalid, "indicator-period-invalid", "")
CULTIVATE_VALUE_MESSAGE(kIndicatorLimit, "indicator-limit", "max")
CULTIVATE_VALUE_MESSAGE(kJsonNotBool, "json-not-bool", "")
CULTIVATE_VALUE_MESSAGE(kJsonNotNumber, "json-not-number", "")
CULTIVATE_VALUE_MESSAGE(kTitleStories, "title-stories", "")
CULTIVATE_VALUE_MESSAGE(kAboutStories, "about-stories", "")
CULTIVATE_VALUE_MESSAGE(kTitleStoryNew, "title-story-new", "")
CULTIVATE_VALUE_MESSAGE(kTitleStoryEdit, "title-story-edit", "title")
CULTIVATE_VALUE_MESSAGE(kTitleCommunityStories, "title-community-stories", "name")
CULTIVATE_VALUE_MESSAGE(kTitleValue, "title-value", "name")
CULTIVATE_VALUE_MESSAGE(kAboutValue, "about-value", "")
CULTIVATE_VALUE_MESSAGE(kTitleBrief, "title-brief", "name")
CULTIVATE_VALUE_MESSAGE(kAboutBrief, "about-brief", "")
CULTIVATE_VALUE_MESSAGE(kCycleImmediate, "cycle-immediate", "")
CULTIVATE_VALUE_MESSAGE(kCyclePotential, "cycle-potential", "")
CULTIVATE_VALUE_MESSAGE(kCycleApplied, "cycle-applied", "")
CULTIVATE_VALUE_MESSAGE(kCycleRealized, "cycle-realized", "")
CULTIVATE_VALUE_MESSAGE(kCycleReframing, "cycle-reframing", "")
CULTIVATE_VALUE_MESSAGE(kValueThin, "value-thin", "cycle")
CULTIVATE_VALUE_MESSAGE(kBriefPurpose, "brief-purpose", "")
CULTIVATE_VALUE_MESSAGE(kBriefPhase, "brief-phase", "")
CULTIVATE_VALUE_MESSAGE(kBriefHeadline, "brief-headline", "")
CULTIVATE_VALUE_MESSAGE(kBriefStrengths, "brief-strengths", "")
CULTIVATE_VALUE_MESSAGE(kBriefAreas, "brief-areas", "")
CULTIVATE_VALUE_MESSAGE(kBriefDecisions, "brief-decisions", "")
CULTIVATE_VALUE_MESSAGE(kBriefPlan, "brief-plan", "done,doing,late")
CULTIVATE_VALUE_MESSAGE(kBriefStories, "brief-stories", "")
CULTIVATE_VALUE_MESSAGE(kBriefIndicators, "brief-indicators", "")
CULTIVATE_VALUE_MESSAGE(kBriefAsk, "brief-ask", "")
CULTIVATE_VALUE_MESSAGE(kBriefNone, "brief-none", "")
CULTIVATE_VALUE_MESSAGE(kBriefNoResults, "brief-no-results", "")

}  // namespace cultivate::msg

#undef CULTIVATE_VALUE_MESSAGE

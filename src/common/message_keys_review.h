#pragma once
/// Message keys of the yearly review meeting (issue 17): the facilitator's steps, the
/// dot-vote, actions and notes, printables and the community's calendar. The words are in
/// content/messages.toml, under "# Review meeting (issue 17)".

#include "common/message_keys.h"

#define CULTIVATE_MESSAGE(name, id, placeholders) \
  inline const ::cultivate::MessageKey name{id, placeholders, __LINE__};

namespace cultivate::msg {

CULTIVATE_MESSAGE(kReviewRoundOpen, "review-round-open", "")
CULTIVATE_MESSAGE(kReviewNothingToVote, "review-nothing-to-vote", "")
CULTIVATE_MESSAGE(kReviewVoteClosed, "review-vote-closed", "")
CULTIVATE_MESSAGE(kReviewVoteNotOpen, "review-vote-not-open", "")
CULTIVATE_MESSAGE(kReviewUnknownArea, "review-unknown-area", "")
CULTIVATE_MESSAGE(kReviewHandCount, "review-hand-count", "max")
CULTIVATE_MESSAGE(kReviewActionWhat, "review-action-what", "")
CULTIVATE_MESSAGE(kReviewActionInvalid, "review-action-invalid", "")
CULTIVATE_MESSAGE(kReviewPlanFull, "review-plan-full", "max")
CULTIVATE_MESSAGE(kReviewNoteEmpty, "review-note-empty", "")
CULTIVATE_MESSAGE(kReviewNotesFull, "review-notes-full", "max")
CULTIVATE_MESSAGE(kReviewDatePast, "review-date-past", "")
CULTIVATE_MESSAGE(kReviewTooManyVotes, "review-too-many-votes", "max")
CULTIVATE_MESSAGE(kReviewVotersFull, "review-voters-full", "")
CULTIVATE_MESSAGE(kReviewCodeThrottled, "review-code-throttled", "")
CULTIVATE_MESSAGE(kReviewStreamsFull, "review-streams-full", "")
CULTIVATE_MESSAGE(kReviewCodeUnknown, "review-code-unknown", "")

// Notices after a form.
CULTIVATE_MESSAGE(kReviewVoteOpened, "review-vote-opened", "")
CULTIVATE_MESSAGE(kReviewVoteEnded, "review-vote-ended", "")
CULTIVATE_MESSAGE(kReviewHandsSaved, "review-hands-saved", "")
CULTIVATE_MESSAGE(kReviewActionAdded, "review-action-added", "")
CULTIVATE_MESSAGE(kReviewNoteAdded, "review-note-added", "")
CULTIVATE_MESSAGE(kReviewNextSaved, "review-next-saved", "")

// Page titles and descriptions.
CULTIVATE_MESSAGE(kTitleReview, "title-review", "name")
CULTIVATE_MESSAGE(kAboutReview, "about-review", "")
CULTIVATE_MESSAGE(kTitleReviewStep, "title-review-step", "step,name")
CULTIVATE_MESSAGE(kReviewStepPurpose, "review-step-purpose", "")
CULTIVATE_MESSAGE(kReviewStepOverall, "review-step-overall", "")
CULTIVATE_MESSAGE(kReviewStepDisagree, "review-step-disagree", "")
CULTIVATE_MESSAGE(kReviewStepPhases, "review-step-phases", "")
CULTIVATE_MESSAGE(kReviewStepChoose, "review-step-choose", "")
CULTIVATE_MESSAGE(kReviewStepActions, "review-step-actions", "")
CULTIVATE_MESSAGE(kReviewStepClose, "review-step-close", "")
CULTIVATE_MESSAGE(kTitleVote, "title-vote", "name")
CULTIVATE_MESSAGE(kAboutVote, "about-vote", "")
CULTIVATE_MESSAGE(kTitleVoteCode, "title-vote-code", "")
CULTIVATE_MESSAGE(kTitlePrintAgenda, "title-print-agenda", "name")
CULTIVATE_MESSAGE(kTitlePrintBallot, "title-print-ballot", "name")
CULTIVATE_MESSAGE(kTitlePrintSummary, "title-print-summary", "name")

// The calendar.
CULTIVATE_MESSAGE(kCalendarName, "calendar-name", "name")
CULTIVATE_MESSAGE(kCalendarRoundCloses, "calendar-round-closes", "title")
CULTIVATE_MESSAGE(kCalendarNextReview, "calendar-next-review", "name")
CULTIVATE_MESSAGE(kCalendarActionDue, "calendar-action-due", "what")
CULTIVATE_MESSAGE(kCalendarOwner, "calendar-owner", "owner")
CULTIVATE_MESSAGE(kCalendarPlanName, "calendar-plan-name", "name")
CULTIVATE_MESSAGE(kCalendarLinkMade, "calendar-link-made", "")
CULTIVATE_MESSAGE(kCalendarLinkRevoked, "calendar-link-revoked", "")

}  // namespace cultivate::msg

#undef CULTIVATE_MESSAGE

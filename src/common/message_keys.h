#pragma once
/// Every message key the code uses, declared once with the placeholders its text may fill.
/// The words are in content/messages.toml; `check-content` checks that the two agree.
/// Generated once from a table; edit by hand from now on.

#include "common/message.h"

#define CULTIVATE_MESSAGE(name, id, placeholders) \
  inline const ::cultivate::MessageKey name{id, placeholders, __LINE__};

namespace cultivate::msg {

// Generic answers for each kind of error, when an operation says nothing more precise.
CULTIVATE_MESSAGE(kNotFound, "not-found", "")
CULTIVATE_MESSAGE(kInvalid, "invalid", "")
CULTIVATE_MESSAGE(kConflict, "conflict", "")
CULTIVATE_MESSAGE(kGone, "gone", "")
CULTIVATE_MESSAGE(kDenied, "denied", "")
CULTIVATE_MESSAGE(kThrottled, "throttled", "")
CULTIVATE_MESSAGE(kUnavailable, "unavailable", "")
CULTIVATE_MESSAGE(kInternal, "internal", "")
CULTIVATE_MESSAGE(kMethodNotAllowed, "method-not-allowed", "")
CULTIVATE_MESSAGE(kBadRequest, "bad-request", "")
CULTIVATE_MESSAGE(kBodyTooLarge, "body-too-large", "")
CULTIVATE_MESSAGE(kHeadersTooLarge, "headers-too-large", "")
CULTIVATE_MESSAGE(kSignInFirst, "sign-in-first", "")
CULTIVATE_MESSAGE(kCrossSite, "cross-site", "")

// Field rules shared by every form.
CULTIVATE_MESSAGE(kNotText, "not-text", "")
CULTIVATE_MESSAGE(kTooLong, "too-long", "max")
CULTIVATE_MESSAGE(kDateInvalid, "date-invalid", "")
CULTIVATE_MESSAGE(kFormUnreadable, "form-unreadable", "")
CULTIVATE_MESSAGE(kFormOutOfDate, "form-out-of-date", "")
CULTIVATE_MESSAGE(kFormCookieMissing, "form-cookie-missing", "")

// The JSON API's body checks.
CULTIVATE_MESSAGE(kJsonContentType, "json-content-type", "")
CULTIVATE_MESSAGE(kJsonMalformed, "json-malformed", "")
CULTIVATE_MESSAGE(kJsonNotObject, "json-not-object", "")
CULTIVATE_MESSAGE(kJsonNotString, "json-not-string", "")
CULTIVATE_MESSAGE(kJsonNotList, "json-not-list", "")
CULTIVATE_MESSAGE(kAnswerNeedsQuestion, "answer-needs-question", "")
CULTIVATE_MESSAGE(kReflectionNeedsPrompt, "reflection-needs-prompt", "")

// Accounts.
CULTIVATE_MESSAGE(kEmailInvalid, "email-invalid", "")
CULTIVATE_MESSAGE(kPasswordTooShort, "password-too-short", "min")
CULTIVATE_MESSAGE(kPersonNameMissing, "person-name-missing", "")
CULTIVATE_MESSAGE(kAccountInvalid, "account-invalid", "")
CULTIVATE_MESSAGE(kSignUpThrottled, "sign-up-throttled", "")
CULTIVATE_MESSAGE(kSignedUp, "signed-up", "")
CULTIVATE_MESSAGE(kSignInWrong, "sign-in-wrong", "")
CULTIVATE_MESSAGE(kSignInThrottled, "sign-in-throttled", "")
CULTIVATE_MESSAGE(kDeletePasswordWrong, "delete-password-wrong", "")

// The check-up.
CULTIVATE_MESSAGE(kCheckupNotFound, "checkup-not-found", "")
CULTIVATE_MESSAGE(kCheckupInvalid, "checkup-invalid", "")
CULTIVATE_MESSAGE(kPhasesNone, "phases-none", "")
CULTIVATE_MESSAGE(kPhaseUnknown, "phase-unknown", "")
CULTIVATE_MESSAGE(kPhaseNotInCheckup, "phase-not-in-checkup", "")
CULTIVATE_MESSAGE(kQuestionUnknown, "question-unknown", "")
CULTIVATE_MESSAGE(kQuestionNotIncluded, "question-not-included", "")
CULTIVATE_MESSAGE(kQuestionTwice, "question-twice", "")
CULTIVATE_MESSAGE(kScaleValue, "scale-value", "")
CULTIVATE_MESSAGE(kNoteTooLong, "note-too-long", "max,length")
CULTIVATE_MESSAGE(kPromptUnknown, "prompt-unknown", "")
CULTIVATE_MESSAGE(kAnswersInvalid, "answers-invalid", "")
CULTIVATE_MESSAGE(kAnswersNotSaved, "answers-not-saved", "")
CULTIVATE_MESSAGE(kChooseNowOption, "choose-now-option", "")
CULTIVATE_MESSAGE(kChooseTargetOption, "choose-target-option", "")
CULTIVATE_MESSAGE(kNoteNeedsAnswer, "note-needs-answer", "")
CULTIVATE_MESSAGE(kChooseNow, "choose-now", "")
CULTIVATE_MESSAGE(kChooseTarget, "choose-target", "")
CULTIVATE_MESSAGE(kRoundClosedAnswers, "round-closed-answers", "")

// Plans.
CULTIVATE_MESSAGE(kPlanInvalid, "plan-invalid", "")
CULTIVATE_MESSAGE(kPlanNotSaved, "plan-not-saved", "")
CULTIVATE_MESSAGE(kPlanTooManyItems, "plan-too-many-items", "max")
CULTIVATE_MESSAGE(kPlanStatusInvalid, "plan-status-invalid", "")
CULTIVATE_MESSAGE(kPlanWhatMissing, "plan-what-missing", "")

// Communities, rounds, links and coordinators.
CULTIVATE_MESSAGE(kCommunityInvalid, "community-invalid", "")
CULTIVATE_MESSAGE(kCommunityNameMissing, "community-name-missing", "")
CULTIVATE_MESSAGE(kCommunityPhaseUnknown, "community-phase-unknown", "")
CULTIVATE_MESSAGE(kDeleteConfirmMissing, "delete-confirm-missing", "")
CULTIVATE_MESSAGE(kRoundInvalid, "round-invalid", "")
CULTIVATE_MESSAGE(kRoundClosesPast, "round-closes-past", "")
CULTIVATE_MESSAGE(kRoundAlreadyOpen, "round-already-open", "")
CULTIVATE_MESSAGE(kRoundAlreadyClosed, "round-already-closed", "")
CULTIVATE_MESSAGE(kRoundClosed, "round-closed", "")
CULTIVATE_MESSAGE(kRoundUntitled, "round-untitled", "date")
CULTIVATE_MESSAGE(kInviteDays, "invite-days", "max")
CULTIVATE_MESSAGE(kInviteNoOpenRound, "invite-no-open-round", "")
CULTIVATE_MESSAGE(kInviteUnknown, "invite-unknown", "")
CULTIVATE_MESSAGE(kInviteWithdrawn, "invite-withdrawn", "")
CULTIVATE_MESSAGE(kInviteExpired, "invite-expired", "")
CULTIVATE_MESSAGE(kInviteStateActive, "invite-state-active", "")
CULTIVATE_MESSAGE(kInviteStateWithdrawn, "invite-state-withdrawn", "")
CULTIVATE_MESSAGE(kInviteStateExpired, "invite-state-expired", "")
CULTIVATE_MESSAGE(kInviteStateRoundClosed, "invite-state-round-closed", "")
CULTIVATE_MESSAGE(kSponsorLinkUnknown, "sponsor-link-unknown", "")
CULTIVATE_MESSAGE(kSponsorLinkDefaultLabel, "sponsor-link-default-label", "")
CULTIVATE_MESSAGE(kCoordinatorLast, "coordinator-last", "")
CULTIVATE_MESSAGE(kCoordinatorInvited, "coordinator-invited", "email")
CULTIVATE_MESSAGE(kInvitationAccepted, "invitation-accepted", "")
CULTIVATE_MESSAGE(kInvitationDeclined, "invitation-declined", "")
CULTIVATE_MESSAGE(kTrendsNeedRounds, "trends-need-rounds", "")
CULTIVATE_MESSAGE(kOverall, "overall", "")
CULTIVATE_MESSAGE(kCapCommunities, "cap-communities", "max")
CULTIVATE_MESSAGE(kCapRounds, "cap-rounds", "max")
CULTIVATE_MESSAGE(kCapInvites, "cap-invites", "max")
CULTIVATE_MESSAGE(kCapSponsorLinks, "cap-sponsor-links", "max")
CULTIVATE_MESSAGE(kCapCoordinators, "cap-coordinators", "max")
CULTIVATE_MESSAGE(kPageInvalid, "page-invalid", "max")
CULTIVATE_MESSAGE(kExportNote, "export-note", "")

// Page titles and descriptions.
CULTIVATE_MESSAGE(kTitleSignUp, "title-sign-up", "")
CULTIVATE_MESSAGE(kTitleSignIn, "title-sign-in", "")
CULTIVATE_MESSAGE(kAboutSignIn, "about-sign-in", "")
CULTIVATE_MESSAGE(kTitleAccount, "title-account", "")
CULTIVATE_MESSAGE(kAboutAccount, "about-account", "")
CULTIVATE_MESSAGE(kTitleCheckupStart, "title-checkup-start", "")
CULTIVATE_MESSAGE(kAboutCheckupStart, "about-checkup-start", "")
CULTIVATE_MESSAGE(kAboutCheckup, "about-checkup", "")
CULTIVATE_MESSAGE(kTitleCheckupOverview, "title-checkup-overview", "")
CULTIVATE_MESSAGE(kTitleCheckupPhase, "title-checkup-phase", "phase")
CULTIVATE_MESSAGE(kTitleCheckupPhaseErrors, "title-checkup-phase-errors", "phase")
CULTIVATE_MESSAGE(kTitleResults, "title-results", "")
CULTIVATE_MESSAGE(kTitlePlan, "title-plan", "")
CULTIVATE_MESSAGE(kTitlePlanErrors, "title-plan-errors", "")
CULTIVATE_MESSAGE(kTitlePrint, "title-print", "")
CULTIVATE_MESSAGE(kTitlePrintNamed, "title-print-named", "name")
CULTIVATE_MESSAGE(kTitleTeamsIntro, "title-teams-intro", "")
CULTIVATE_MESSAGE(kAboutTeamsIntro, "about-teams-intro", "")
CULTIVATE_MESSAGE(kTitleCommunities, "title-communities", "")
CULTIVATE_MESSAGE(kAboutCommunities, "about-communities", "")
CULTIVATE_MESSAGE(kTitleNewCommunity, "title-new-community", "")
CULTIVATE_MESSAGE(kTitleEditCommunity, "title-edit-community", "name")
CULTIVATE_MESSAGE(kAboutCommunityForm, "about-community-form", "")
CULTIVATE_MESSAGE(kAboutDashboard, "about-dashboard", "")
CULTIVATE_MESSAGE(kTitleTeamResults, "title-team-results", "name")
CULTIVATE_MESSAGE(kAboutTeamResults, "about-team-results", "")
CULTIVATE_MESSAGE(kTitleTrends, "title-trends", "name")
CULTIVATE_MESSAGE(kAboutTrends, "about-trends", "")
CULTIVATE_MESSAGE(kTitleCommunityPlan, "title-community-plan", "name")
CULTIVATE_MESSAGE(kAboutCommunityPlan, "about-community-plan", "")
CULTIVATE_MESSAGE(kTitleJoin, "title-join", "name")
CULTIVATE_MESSAGE(kAboutJoin, "about-join", "")
CULTIVATE_MESSAGE(kTitleSponsor, "title-sponsor", "name")
CULTIVATE_MESSAGE(kAboutSponsor, "about-sponsor", "")

}  // namespace cultivate::msg

#undef CULTIVATE_MESSAGE

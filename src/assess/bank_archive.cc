// LoadBank (declared in bank.h): the current question bank with its archived versions, and
// the checks that keep the current bank's history keys true to the archives.

#include <algorithm>
#include <system_error>

#include "assess/bank.h"

namespace cultivate::assess {
namespace {

namespace fs = std::filesystem;

void Add(Diagnostics* out, const fs::path& file, std::string message) {
  out->push_back({file.string(), 0, std::move(message)});
}

// The current bank's `added` and `reworded` keys against one archived version.
void CheckHistory(const fs::path& dir, const Bank& current, const Bank& old, Diagnostics* out) {
  for (const auto& phase : current.phases) {
    const fs::path file = dir / (phase.id + ".toml");
    for (const auto& q : phase.questions) {
      const Question* was = old.FindQuestion(q.id);
      const std::string where = "question '" + q.id + "': ";
      if (!was) {
        if (q.added.empty() || CompareVersions(q.added, old.version) <= 0)
          Add(out, file, where + "it is not in the archived bank " + old.version +
                             ", so it needs added = \"" + current.version + "\" (or the version that added it)");
        continue;
      }
      if (!q.added.empty() && CompareVersions(q.added, old.version) > 0)
        Add(out, file, where + "added = \"" + q.added + "\", but the archived bank " +
                           old.version + " already has it");
      if (was->text != q.text && (q.reworded.empty() || CompareVersions(q.reworded, old.version) <= 0))
        Add(out, file, where + "its text differs from the archived bank " + old.version +
                           ", so it needs reworded = \"" + current.version + "\" (or the version that reworded it)");
    }
  }
}

}  // namespace

tl::expected<Bank, Diagnostics> LoadBank(const fs::path& dir, const KnownIds& ids) {
  auto bank = LoadBankVersion(dir, ids);
  if (!bank) return bank;
  Diagnostics out;
  const fs::path archive = dir / "archive";
  std::error_code ec;
  if (!fs::is_directory(archive, ec)) return bank;
  std::vector<fs::path> folders;
  for (const auto& entry : fs::directory_iterator(archive, ec))
    if (entry.is_directory()) folders.push_back(entry.path());
  if (ec) Add(&out, archive, "cannot read the archive folder: " + ec.message());
  for (const auto& folder : folders) {
    auto old = LoadBankVersion(folder, ids);
    if (!old) {
      out.insert(out.end(), old.error().begin(), old.error().end());
      continue;
    }
    const fs::path file = folder / "bank.toml";
    if (old->version != folder.filename().string()) {
      Add(&out, file, "version is \"" + old->version + "\", but its folder is named " +
                          folder.filename().string() + " (name the folder after the version)");
    } else if (CompareVersions(old->version, bank->version) >= 0) {
      Add(&out, file, "an archived bank must be older than the current one (" + bank->version + ")");
    } else {
      CheckHistory(dir, *bank, *old, &out);
      bank->earlier.push_back(std::move(*old));
    }
  }
  if (!out.empty()) return tl::unexpected(std::move(out));
  std::sort(bank->earlier.begin(), bank->earlier.end(), [](const Bank& a, const Bank& b) {
    return CompareVersions(a.version, b.version) < 0;
  });
  return bank;
}

}  // namespace cultivate::assess

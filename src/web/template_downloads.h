#pragma once
/// The guide's templates as .odt and .docx files, made by pandoc at build time and compiled
/// in (cmake/template_downloads.cmake).

#include <cstddef>
#include <string_view>
#include <vector>

namespace cultivate::web {

struct EmbeddedFile {
  std::string_view name;  // "<template id>.odt" or ".docx"
  const unsigned char* data;
  std::size_t size;
};

const std::vector<EmbeddedFile>& TemplateDownloads();

}  // namespace cultivate::web

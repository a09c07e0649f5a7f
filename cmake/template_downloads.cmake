# The guide's templates (content/templates/*.md) as editable documents: pandoc (a Debian
# package, installed by scripts/deps) turns each into an OpenDocument text (.odt) and a Word
# file (.docx) at build time, and embed_files.cmake compiles them into the binary, which
# serves them at /guide/templates/<id>.odt and .docx. The Markdown download comes from the
# content folder at run time.
find_program(PANDOC_EXECUTABLE pandoc)
if(NOT PANDOC_EXECUTABLE)
  message(FATAL_ERROR "pandoc is missing: run `scripts/deps run` (it turns the guide's templates into .odt and .docx files)")
endif()
file(GLOB TEMPLATE_SOURCES CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/content/templates/*.md)
list(SORT TEMPLATE_SOURCES)
set(TEMPLATE_DIR ${CMAKE_BINARY_DIR}/generated/templates)
set(TEMPLATE_OUTPUTS "")
foreach(source IN LISTS TEMPLATE_SOURCES)
  get_filename_component(name "${source}" NAME_WE)
  foreach(format odt docx)
    set(out ${TEMPLATE_DIR}/${name}.${format})
    # The +++ front matter is the guide's, not the document's: everything up to the second
    # +++ line is left out.
    add_custom_command(OUTPUT ${out}
      COMMAND ${CMAKE_COMMAND} -E make_directory ${TEMPLATE_DIR}
      COMMAND sh -c "sed '1,/^+++$/d' \"$1\" | \"$2\" --from=markdown --to=${format} --output=\"$3\"" sh
              ${source} ${PANDOC_EXECUTABLE} ${out}
      DEPENDS ${source}
      COMMENT "pandoc: ${name}.${format}"
      VERBATIM)
    list(APPEND TEMPLATE_OUTPUTS ${out})
  endforeach()
endforeach()
set(TEMPLATE_EMBED ${CMAKE_BINARY_DIR}/generated/template_downloads.cc)
add_custom_command(OUTPUT ${TEMPLATE_EMBED}
  COMMAND ${CMAKE_COMMAND} -DOUT=${TEMPLATE_EMBED} "-DFILES=${TEMPLATE_OUTPUTS}"
          -P ${CMAKE_SOURCE_DIR}/cmake/embed_files.cmake
  DEPENDS ${TEMPLATE_OUTPUTS} ${CMAKE_SOURCE_DIR}/cmake/embed_files.cmake
  COMMENT "embedding the template downloads"
  VERBATIM)

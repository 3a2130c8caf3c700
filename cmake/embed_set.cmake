# cmake -DBASE=dir -DLIST=files.txt -DOUT=file.cpp -DSYMBOL=name -P embed_set.cmake
# Writes `extern const std::span<const waymark::EmbeddedFile> waymark::embedded::NAME`: each file
# of LIST (one path a line) with its path relative to BASE and its bytes.
file(STRINGS "${LIST}" files)
set(arrays "")
set(entries "")
set(index 0)
foreach(path IN LISTS files)
  file(READ "${path}" hex HEX)
  string(REGEX REPLACE "([0-9a-f][0-9a-f])" "'\\\\x\\1'," bytes "${hex}")
  file(RELATIVE_PATH name "${BASE}" "${path}")
  string(APPEND arrays "const char file${index}[] = {${bytes} '\\0'};\n")
  string(APPEND entries "    {\"${name}\", {file${index}, sizeof file${index} - 1}},\n")
  math(EXPR index "${index} + 1")
endforeach()
file(WRITE "${OUT}"
"// Generated from the files under ${BASE}; do not edit.\n#include \"waymark/embedded.hpp\"\nnamespace waymark::embedded {\nnamespace {\n${arrays}const EmbeddedFile files[] = {\n${entries}    {\"\", {}}};\n}  // namespace\nextern const std::span<const EmbeddedFile> ${SYMBOL};\nconst std::span<const EmbeddedFile> ${SYMBOL}{files, sizeof files / sizeof files[0] - 1};\n}\n")

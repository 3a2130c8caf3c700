# cmake -DIN=file -DOUT=file.cpp -DSYMBOL=name -P embed.cmake
# Writes `extern const std::string_view waymark::embedded::NAME` holding the file's bytes.
file(READ "${IN}" hex HEX)
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "'\\\\x\\1'," bytes "${hex}")
file(WRITE "${OUT}"
"// Generated from ${IN}; do not edit.\n#include <string_view>\nnamespace waymark::embedded {\nstatic const char data[] = {${bytes} '\\0'};\nextern const std::string_view ${SYMBOL};\nconst std::string_view ${SYMBOL}{data, sizeof data - 1};\n}\n")

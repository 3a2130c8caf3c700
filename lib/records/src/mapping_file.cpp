#include "waymark/mapping_file.hpp"

#include <fstream>

#include "waymark/errors.hpp"
#include "waymark/fields.hpp"

namespace waymark {

void read_mapping_file(const std::string& path, std::string_view what, const std::string& expected,
                       const std::function<void(long number, std::string_view left, std::string_view right)>& line) {
  std::ifstream in(path);
  if (!in) throw Error(ErrorKind::missing_input, "cannot open the " + std::string(what) + " file " + path);
  std::string text;
  long number = 0;
  while (std::getline(in, text)) {
    ++number;
    if (!text.empty() && text.back() == '\r') text.pop_back();
    if (number == 1 && text.starts_with("\xEF\xBB\xBF")) text.erase(0, 3);
    const auto trimmed = trim(text);
    if (trimmed.empty() || trimmed.front() == '#') continue;
    const auto equals = trimmed.find('=');
    if (equals == std::string_view::npos) throw data_error({path, number, {}}, "this line maps nothing", expected);
    line(number, trim(trimmed.substr(0, equals)), trim(trimmed.substr(equals + 1)));
  }
}

}  // namespace waymark

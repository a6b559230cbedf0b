#include "libpq/conninfo.hpp"

#include <memory>

#include <libpq-fe.h>

namespace migrate {
namespace {

struct FreeOptions {
  void operator()(PQconninfoOption* options) const { PQconninfoFree(options); }
};

bool needs_quotes(const std::string& value) {
  return value.empty() || value.find_first_of(" \t\n\r\f\v'\\") != std::string::npos;
}

}  // namespace

std::optional<std::vector<ConnectionOption>> parse_connection_string(const std::string& text,
                                                                     std::string& error) {
  char* message = nullptr;
  const std::unique_ptr<PQconninfoOption, FreeOptions> parsed(
      PQconninfoParse(text.c_str(), &message));
  if (!parsed) {
    error = message ? message : "out of memory";
    PQfreemem(message);
    while (!error.empty() && error.back() == '\n') error.pop_back();
    return std::nullopt;
  }
  std::vector<ConnectionOption> options;
  for (const PQconninfoOption* option = parsed.get(); option->keyword; ++option) {
    if (option->val) options.push_back({option->keyword, option->val});
  }
  return options;
}

std::string connection_string(const std::vector<ConnectionOption>& options) {
  std::string text;
  for (const ConnectionOption& option : options) {
    if (!text.empty()) text += ' ';
    text += option.keyword + '=';
    if (!needs_quotes(option.value)) {
      text += option.value;
      continue;
    }
    text += '\'';
    for (const char c : option.value) {
      if (c == '\'' || c == '\\') text += '\\';
      text += c;
    }
    text += '\'';
  }
  return text;
}

}  // namespace migrate

// The two YAML parsers on arbitrary text: when the common-subset parser takes it, yaml-cpp's must
// read the same tree with the same marks, or refuse it with the same error.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string_view>

#include "support/yaml_parsers_agree.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const std::string difference = migrate::test::yaml_parsers_disagree(text);
  if (!difference.empty()) {
    std::fprintf(stderr, "the parsers disagree: %s\n", difference.c_str());
    __builtin_trap();
  }
  return 0;
}

// The model loader on arbitrary text: it returns a schema or throws InputError (a FileError
// naming file:line:column), nothing else.
#include <cstddef>
#include <cstdint>
#include <string>

#include "migrate/error.hpp"
#include "migrate/model.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  try {
    const migrate::Schema schema = migrate::load_model_text("fuzz.yaml", text);
    // What loads must also write back and load again as the same schema.
    if (migrate::load_model_text("again.yaml", migrate::write_model_yaml(schema)) != schema) {
      __builtin_trap();
    }
  } catch (const migrate::InputError&) {
  }
  return 0;
}

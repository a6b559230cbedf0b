// The revision reader on arbitrary text: it returns a revision or throws InputError, nothing
// else; what it returns writes back to a file that reads as the same revision with the same
// checksum.
#include <cstddef>
#include <cstdint>
#include <string>

#include "migrate/error.hpp"
#include "migrate/revision.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  try {
    const migrate::Revision revision = migrate::load_revision_text("versions/x.yaml", text);
    const migrate::Revision again =
        migrate::load_revision_text("versions/x.yaml", migrate::write_revision_yaml(revision));
    if (!(again == revision) || migrate::checksum(again) != migrate::checksum(revision)) {
      __builtin_trap();
    }
  } catch (const migrate::InputError&) {
  }
  return 0;
}

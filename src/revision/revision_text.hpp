#pragma once
// Revision file text without yaml-cpp's emitter (revision_text.cpp).

#include <optional>
#include <string>

#include "migrate/revision.hpp"

namespace migrate::revision {

// The text write_revision_yaml gives, or nothing when the revision holds what only the emitter
// writes that way (control characters, keys over 1,024 bytes).
std::optional<std::string> revision_text(const Revision& revision);

// The emitter's text, always: what revision_text must equal.
std::string emitted_revision_text(const Revision& revision);

}  // namespace migrate::revision

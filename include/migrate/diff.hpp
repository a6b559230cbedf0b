#pragma once
// Comparing two schemas: the ordered operations that turn `from` into `to`.

#include <vector>

#include "migrate/operations.hpp"
#include "migrate/schema.hpp"

namespace migrate {

// The operations that, applied in order to a database holding `from`, leave it holding `to`.
// The order is one PostgreSQL accepts: each object is created after what it depends on and
// dropped before it; foreign keys are added after all their tables exist (so cycles need no
// special case) and dropped before their tables. Unmanaged objects are ignored.
// inverse(diff(a, b)) undoes it. Throws InternalError if the dependencies form a cycle.
std::vector<Operation> diff(const Schema& from, const Schema& to);

}  // namespace migrate

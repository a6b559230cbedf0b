#pragma once
// A parser for the YAML that migrate writes and that people usually write: block mappings and
// sequences, flow collections on one line, plain, quoted and literal scalars, comments. It reads
// such text several times faster than yaml-cpp, whose scanner matches every character against
// regular expressions, and produces the same tree with the same marks. Anything outside that
// subset (anchors, tags, documents markers, multi-line flow or plain scalars, tabs, escapes other
// than the common ones...) it leaves to yaml-cpp, so what a file means never depends on which
// parser read it: tests/unit/test_yaml_subset.cpp and fuzz/yaml_parsers.cpp compare the two.

#include <string_view>

#include "yaml/tree_builder.hpp"

namespace migrate::yaml {

// Feeds text's documents to out and returns true, or returns false as soon as the text turns out
// to be outside the subset or out refuses it; out is then to be discarded, and yaml-cpp's parse
// gives the file its error.
bool parse_common_subset(std::string_view text, TreeBuilder& out);

}  // namespace migrate::yaml

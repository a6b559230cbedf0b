// The model's public entry points: one file's text, or every model file under some paths.

#include <algorithm>

#include "migrate/error.hpp"
#include "migrate/model.hpp"

#include "model/model_source.hpp"
#include "util/read_file.hpp"

namespace migrate {
namespace model {

ModelSource read_model_source(const std::string& file_name, const std::string& text,
                              const NamingConvention& convention) {
  const YamlReader reader(file_name);
  ModelSource source;
  for (const yaml::Node& root : reader.parse_documents(text)) {
    DocumentDraft document = read_document(reader, root);
    name_objects(reader, document, convention);
    merge_source(source, to_source(reader, std::move(document)));
  }
  return source;
}

}  // namespace model

namespace {

namespace fs = std::filesystem;

bool is_model_file(const fs::directory_entry& entry) {
  const auto extension = entry.path().extension();
  return entry.is_regular_file() && (extension == ".yaml" || extension == ".yml");
}

std::vector<fs::path> model_files(const std::vector<fs::path>& paths) {
  std::vector<fs::path> files;
  for (const fs::path& path : paths) {
    std::error_code error;
    if (!fs::exists(path, error)) throw FileError(path.string(), 0, 0, "no such file or directory");
    if (!fs::is_directory(path, error)) {
      files.push_back(path);
      continue;
    }
    try {
      for (const auto& entry : fs::recursive_directory_iterator(path)) {
        if (is_model_file(entry)) files.push_back(entry.path());
      }
    } catch (const fs::filesystem_error& e) {
      throw FileError(e.path1().string(), 0, 0, e.code().message());
    }
  }
  std::sort(files.begin(), files.end());
  files.erase(std::unique(files.begin(), files.end()), files.end());
  return files;
}

}  // namespace

Schema load_model_text(const std::string& file_name, const std::string& text,
                       const NamingConvention& convention) {
  model::ModelSource source = model::read_model_source(file_name, text, convention);
  model::inherit_partition_columns(source);
  Schema schema = std::move(source.schema);
  drop_default_sequence_options(schema);
  sort_schema(schema);
  return schema;
}

Schema load_model_files(const std::vector<std::filesystem::path>& paths,
                        const NamingConvention& convention) {
  model::ModelSource merged;
  for (const auto& file : model_files(paths)) {
    model::merge_source(merged,
                        model::read_model_source(file.string(), read_input_file(file), convention));
  }
  model::inherit_partition_columns(merged);
  model::check_references(merged);
  drop_default_sequence_options(merged.schema);
  sort_schema(merged.schema);
  return std::move(merged.schema);  // a member: not moved implicitly
}

}  // namespace migrate

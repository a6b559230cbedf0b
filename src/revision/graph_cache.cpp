// The cache file is text with its lengths written out: a first line naming the format and the
// tool's version, the version directories, then one record per revision file and "end". A file
// that does not read back whole (another version, a write cut short) is not used.

#include "revision/graph_cache.hpp"

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstdint>
#include <cstdlib>
#include <limits>
#include <system_error>
#include <tuple>

#include <fcntl.h>
#include <unistd.h>

#include "util/sha256.hpp"

namespace migrate::revision {
namespace {

namespace fs = std::filesystem;

// The number changes whenever the records change, or what read_revision.cpp accepts or gives for
// the graph keys: a cache is only as good as the reading it saves.
constexpr std::string_view format_line = "migrate graph cache 2, migrate " MIGRATE_VERSION "\n";
constexpr std::int64_t max_count = std::numeric_limits<int>::max();  // beyond this is damage

// Numbers end with a space; text is its length (a number), its bytes and a newline.
class Writer {
 public:
  void number(std::int64_t value) {
    out += std::to_string(value);
    out += ' ';
  }
  void text(std::string_view value) {
    number(static_cast<std::int64_t>(value.size()));
    out += value;
    out += '\n';
  }
  void texts(const std::vector<std::string>& values) {
    number(static_cast<std::int64_t>(values.size()));
    for (const std::string& value : values) text(value);
  }
  void time(const FileTime& value) {
    number(value.seconds);
    number(value.nanoseconds);
  }
  std::string out;
};

// Reads what Writer wrote. The first thing that does not fit stops it: every later read gives
// nothing, and ok() says false.
class Reader {
 public:
  Reader(std::string_view text, std::size_t at) : text_(text), at_(at) {}

  bool ok() const { return ok_; }
  bool at_end() const { return at_ == text_.size(); }
  std::size_t at() const { return at_; }

  std::int64_t number() {
    std::int64_t value = 0;
    const char* begin = text_.data() + at_;
    const char* end = text_.data() + text_.size();
    const auto [stop, error] = std::from_chars(begin, end, value);
    if (!ok_ || error != std::errc() || stop == end || *stop != ' ') {
      fail();
      return 0;
    }
    at_ += static_cast<std::size_t>(stop - begin) + 1;
    return value;
  }
  std::size_t count() {
    const std::int64_t value = number();
    if (value < 0 || value > max_count) {
      fail();
      return 0;
    }
    return static_cast<std::size_t>(value);
  }
  // An int, or -1 for none.
  int small_number() {
    const std::int64_t value = number();
    if (value < -1 || value > max_count) {
      fail();
      return 0;
    }
    return static_cast<int>(value);
  }
  std::string_view text() {
    const std::size_t length = count();
    if (!ok_ || length >= text_.size() - at_ || text_[at_ + length] != '\n') {
      fail();
      return {};
    }
    const std::string_view value = text_.substr(at_, length);
    at_ += length + 1;
    return value;
  }
  FileTime time() {
    const std::int64_t seconds = number();
    return {seconds, number()};
  }
  void expect(std::string_view literal) {
    if (!ok_ || text_.substr(at_, literal.size()) != literal) {
      fail();
      return;
    }
    at_ += literal.size();
  }

 private:
  void fail() {
    ok_ = false;
    at_ = text_.size();
  }

  std::string_view text_;
  std::size_t at_;
  bool ok_ = true;
};

void read_texts(Reader& in, std::vector<std::string>* values) {
  const std::size_t count = in.count();
  for (std::size_t i = 0; i < count && in.ok(); ++i) {
    const std::string_view value = in.text();
    if (values) values->emplace_back(value);
  }
}

void read_place(Reader& in, Revision::Place* place) {
  const int line = in.small_number();
  const int column = in.small_number();
  if (place) *place = {line, column};
}

std::optional<int> read_optional(Reader& in) {
  const int value = in.small_number();
  if (value < 0) return std::nullopt;
  return value;
}

// A record's revision into `revision` and `id_at`, or, when they are null, only checked and
// skipped. What is filled in is only to be used when in.ok() afterwards.
void read_revision(Reader& in, Revision* revision, Position* id_at) {
  const std::string_view id = in.text();
  const int id_line = in.small_number();
  const int id_column = in.small_number();
  read_texts(in, revision ? &revision->parents : nullptr);
  read_texts(in, revision ? &revision->branch_labels : nullptr);
  read_texts(in, revision ? &revision->depends_on : nullptr);
  const std::string_view message = in.text();
  const std::string_view created = in.text();
  const bool transactional = in.number() != 0;
  const std::optional<int> lock_timeout = read_optional(in);
  const std::optional<int> statement_timeout = read_optional(in);
  read_place(in, revision ? &revision->places.parents : nullptr);
  read_place(in, revision ? &revision->places.branch_labels : nullptr);
  read_place(in, revision ? &revision->places.depends_on : nullptr);
  if (!revision) return;
  revision->id = id;
  revision->message = message;
  revision->created = created;
  revision->transactional = transactional;
  revision->statement_lock_timeout_ms = lock_timeout;
  revision->statement_timeout_ms = statement_timeout;
  revision->operations_read = false;
  *id_at = {id_line, id_column};
}

void write_optional(Writer& out, const std::optional<int>& value) {
  out.number(value ? *value : -1);
}

void write_place(Writer& out, const Revision::Place& place) {
  out.number(place.line);
  out.number(place.column);
}

void write_record(Writer& out, const GraphCacheFile::Seen& file) {
  const Revision& r = *file.revision;
  out.number(static_cast<std::int64_t>(file.directory));
  out.text(file.name);
  out.number(file.stamp.size);
  out.number(file.stamp.inode);
  out.number(file.stamp.device);
  out.time(file.stamp.modified);
  out.time(file.stamp.changed);
  out.text(r.id);
  out.number(file.id_at.line);
  out.number(file.id_at.column);
  out.texts(r.parents);
  out.texts(r.branch_labels);
  out.texts(r.depends_on);
  out.text(r.message);
  out.text(r.created);
  out.number(r.transactional ? 1 : 0);
  write_optional(out, r.statement_lock_timeout_ms);
  write_optional(out, r.statement_timeout_ms);
  write_place(out, r.places.parents);
  write_place(out, r.places.branch_labels);
  write_place(out, r.places.depends_on);
}

// The first line and the directories, as absolute and canonical paths: the same cache whichever
// working directory migrate runs from.
std::string identity_of(const std::vector<fs::path>& directories) {
  Writer out;
  out.out = format_line;
  out.number(static_cast<std::int64_t>(directories.size()));
  for (const fs::path& directory : directories) {
    std::error_code error;
    fs::path absolute = fs::weakly_canonical(fs::absolute(directory, error), error);
    if (error) absolute = fs::absolute(directory, error).lexically_normal();
    out.text(absolute.string());
  }
  return out.out;
}

// Writes a new file beside the old one and renames it over: a reader sees the old cache or the
// new one, never half of one.
void replace_file(const fs::path& file, const std::string& text) {
  std::error_code error;
  fs::create_directories(file.parent_path(), error);
  // mkostemp's template: it replaces the six trailing X characters with a unique name.
  std::string temporary = file.string() + "." + std::string(6, 'X');
  const int fd = ::mkostemp(temporary.data(), O_CLOEXEC);
  if (fd < 0) return;
  std::string_view rest = text;
  bool written = true;
  while (!rest.empty()) {
    const ssize_t put = ::write(fd, rest.data(), rest.size());
    if (put < 0 && errno == EINTR) continue;
    if (put <= 0) {
      written = false;
      break;
    }
    rest.remove_prefix(static_cast<std::size_t>(put));
  }
  written = ::close(fd) == 0 && written;
  if (!written || ::rename(temporary.c_str(), file.c_str()) != 0) ::unlink(temporary.c_str());
}

FileTime file_time(std::chrono::system_clock::time_point time) {
  const auto since_epoch = time.time_since_epoch();
  const auto seconds = std::chrono::floor<std::chrono::seconds>(since_epoch);
  return {seconds.count(),
          std::chrono::duration_cast<std::chrono::nanoseconds>(since_epoch - seconds).count()};
}

}  // namespace

GraphCacheFile::GraphCacheFile(const GraphCache& options, const std::vector<fs::path>& directories)
    : identity_(identity_of(directories)), settle_(options.settle) {
  // Named by the directories alone, so that a new version of migrate replaces its
  // predecessor's cache rather than leaving it behind.
  const std::string directories_part = identity_.substr(format_line.size());
  cache_file_ = options.directory / ("graph-" + sha256_hex(directories_part).substr(0, 32));
  mapped_ = MappedFile::open(cache_file_);
  // Only the user's own: in a shared directory, someone else's file could say anything.
  if (!mapped_ || mapped_->owner() != ::geteuid()) return;
  text_ = mapped_->text();
  Reader in(text_, 0);
  in.expect(identity_);
  const std::size_t count = in.count();
  records_.reserve(std::min<std::size_t>(count, text_.size() / 16));
  for (std::size_t i = 0; i < count && in.ok(); ++i) {
    Record record;
    record.directory = in.count();
    record.name = in.text();
    record.stamp.size = in.number();
    record.stamp.inode = in.number();
    record.stamp.device = in.number();
    record.stamp.modified = in.time();
    record.stamp.changed = in.time();
    record.revision_at = in.at();
    read_revision(in, nullptr, nullptr);
    if (record.directory >= directories.size()) break;
    records_.push_back(record);
  }
  in.expect("end\n");
  intact_ = in.ok() && in.at_end() && records_.size() == count;
  if (!intact_) {
    records_.clear();
    return;
  }
  std::sort(records_.begin(), records_.end(), [](const Record& a, const Record& b) {
    return std::tie(a.directory, a.name) < std::tie(b.directory, b.name);
  });
}

bool GraphCacheFile::take(std::size_t directory, std::string_view name, const FileStamp& stamp,
                          Revision& revision, Position& id_at) const {
  const auto found = std::lower_bound(
      records_.begin(), records_.end(), std::pair(directory, name),
      [](const Record& record, const std::pair<std::size_t, std::string_view>& key) {
        return std::tie(record.directory, record.name) < std::tie(key.first, key.second);
      });
  if (found == records_.end() || found->directory != directory || found->name != name ||
      found->stamp != stamp) {
    return false;
  }
  Reader in(text_, found->revision_at);
  read_revision(in, &revision, &id_at);
  return in.ok();
}

void GraphCacheFile::save(const std::vector<Seen>& files,
                          std::chrono::system_clock::time_point started) const {
  const FileTime settled_before = file_time(started - settle_);
  std::vector<const Seen*> kept;
  kept.reserve(files.size());
  for (const Seen& file : files) {
    if (file.stamp.modified < settled_before && file.stamp.changed < settled_before) {
      kept.push_back(&file);
    }
  }
  // Unchanged when every file kept now was kept before with the same stamp, and no other.
  bool same = intact_ && kept.size() == records_.size();
  for (std::size_t i = 0; same && i < kept.size(); ++i) {
    const Record& record = records_[i];
    same = record.directory == kept[i]->directory && record.name == kept[i]->name &&
           record.stamp == kept[i]->stamp;
  }
  if (same) return;
  Writer out;
  out.out = identity_;
  out.number(static_cast<std::int64_t>(kept.size()));
  for (const Seen* file : kept) write_record(out, *file);
  out.out += "end\n";
  replace_file(cache_file_, out.out);
}

}  // namespace migrate::revision

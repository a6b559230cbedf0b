// libpq, loaded when the first connection is made instead of when migrate starts. libpq brings
// about twenty shared libraries with it (OpenSSL, Kerberos, LDAP, GnuTLS and theirs); mapping and
// initializing them took 11 ms of every run on the 2-core machine bench/ measures on, a cost
// that commands which never connect (heads, history, show, branches, revision) should not pay.
// libpqxx is linked statically, and its calls into libpq land in the definitions below, which
// open libpq once and call through. Built when MIGRATE_LAZY_LIBPQ is on (CMakeLists.txt), as a
// library of its own that links after libpqxx.a.

#include <array>
#include <cstddef>
#include <stdexcept>
#include <string>

#include <dlfcn.h>
#include <libpq-fe.h>

// Every libpq function libpqxx 6.4 calls, as libpq-fe.h declares it: the link fails when one is
// missing, and a definition whose types differ from the header's does not compile.
#define MIGRATE_LIBPQ_FUNCTIONS(X)                                                                \
  X(int, PQbackendPID, (const PGconn* conn), (conn))                                              \
  X(int, PQcancel, (PGcancel * cancel, char* errbuf, int errbufsize),                             \
    (cancel, errbuf, errbufsize))                                                                 \
  X(void, PQclear, (PGresult * res), (res))                                                       \
  X(int, PQclientEncoding, (const PGconn* conn), (conn))                                          \
  X(char*, PQcmdStatus, (PGresult * res), (res))                                                  \
  X(char*, PQcmdTuples, (PGresult * res), (res))                                                  \
  X(PostgresPollingStatusType, PQconnectPoll, (PGconn * conn), (conn))                            \
  X(PGconn*, PQconnectStart, (const char* conninfo), (conninfo))                                  \
  X(PGconn*, PQconnectdb, (const char* conninfo), (conninfo))                                     \
  X(int, PQconsumeInput, (PGconn * conn), (conn))                                                 \
  X(char*, PQdb, (const PGconn* conn), (conn))                                                    \
  X(char*, PQencryptPassword, (const char* passwd, const char* user), (passwd, user))             \
  X(int, PQendcopy, (PGconn * conn), (conn))                                                      \
  X(char*, PQerrorMessage, (const PGconn* conn), (conn))                                          \
  X(unsigned char*, PQescapeByteaConn,                                                            \
    (PGconn * conn, const unsigned char* from, size_t from_length, size_t* to_length),            \
    (conn, from, from_length, to_length))                                                         \
  X(char*, PQescapeIdentifier, (PGconn * conn, const char* str, size_t len), (conn, str, len))    \
  X(size_t, PQescapeStringConn,                                                                   \
    (PGconn * conn, char* to, const char* from, size_t length, int* error),                       \
    (conn, to, from, length, error))                                                              \
  X(PGresult*, PQexec, (PGconn * conn, const char* query), (conn, query))                         \
  X(PGresult*, PQexecParams,                                                                      \
    (PGconn * conn, const char* command, int nParams, const Oid* paramTypes,                      \
     const char* const* paramValues, const int* paramLengths, const int* paramFormats,            \
     int resultFormat),                                                                           \
    (conn, command, nParams, paramTypes, paramValues, paramLengths, paramFormats, resultFormat))  \
  X(PGresult*, PQexecPrepared,                                                                    \
    (PGconn * conn, const char* stmtName, int nParams, const char* const* paramValues,            \
     const int* paramLengths, const int* paramFormats, int resultFormat),                         \
    (conn, stmtName, nParams, paramValues, paramLengths, paramFormats, resultFormat))             \
  X(void, PQfinish, (PGconn * conn), (conn))                                                      \
  X(char*, PQfname, (const PGresult* res, int field_num), (res, field_num))                       \
  X(int, PQfnumber, (const PGresult* res, const char* field_name), (res, field_name))             \
  X(void, PQfreeCancel, (PGcancel * cancel), (cancel))                                            \
  X(void, PQfreemem, (void* ptr), (ptr))                                                          \
  X(Oid, PQftable, (const PGresult* res, int field_num), (res, field_num))                        \
  X(int, PQftablecol, (const PGresult* res, int field_num), (res, field_num))                     \
  X(Oid, PQftype, (const PGresult* res, int field_num), (res, field_num))                         \
  X(PGcancel*, PQgetCancel, (PGconn * conn), (conn))                                              \
  X(int, PQgetCopyData, (PGconn * conn, char** buffer, int async), (conn, buffer, async))         \
  X(PGresult*, PQgetResult, (PGconn * conn), (conn))                                              \
  X(int, PQgetisnull, (const PGresult* res, int tup_num, int field_num),                          \
    (res, tup_num, field_num))                                                                    \
  X(int, PQgetlength, (const PGresult* res, int tup_num, int field_num),                          \
    (res, tup_num, field_num))                                                                    \
  X(char*, PQgetvalue, (const PGresult* res, int tup_num, int field_num),                         \
    (res, tup_num, field_num))                                                                    \
  X(char*, PQhost, (const PGconn* conn), (conn))                                                  \
  X(int, PQisBusy, (PGconn * conn), (conn))                                                       \
  X(int, PQisthreadsafe, (), ())                                                                  \
  X(int, PQnfields, (const PGresult* res), (res))                                                 \
  X(PGnotify*, PQnotifies, (PGconn * conn), (conn))                                               \
  X(int, PQntuples, (const PGresult* res), (res))                                                 \
  X(Oid, PQoidValue, (const PGresult* res), (res))                                                \
  X(char*, PQport, (const PGconn* conn), (conn))                                                  \
  X(PGresult*, PQprepare,                                                                         \
    (PGconn * conn, const char* stmtName, const char* query, int nParams, const Oid* paramTypes), \
    (conn, stmtName, query, nParams, paramTypes))                                                 \
  X(int, PQprotocolVersion, (const PGconn* conn), (conn))                                         \
  X(int, PQputCopyData, (PGconn * conn, const char* buffer, int nbytes), (conn, buffer, nbytes))  \
  X(int, PQputCopyEnd, (PGconn * conn, const char* errormsg), (conn, errormsg))                   \
  X(void, PQreset, (PGconn * conn), (conn))                                                       \
  X(char*, PQresultErrorField, (const PGresult* res, int fieldcode), (res, fieldcode))            \
  X(char*, PQresultErrorMessage, (const PGresult* res), (res))                                    \
  X(ExecStatusType, PQresultStatus, (const PGresult* res), (res))                                 \
  X(int, PQsendQuery, (PGconn * conn, const char* query), (conn, query))                          \
  X(int, PQserverVersion, (const PGconn* conn), (conn))                                           \
  X(int, PQsetClientEncoding, (PGconn * conn, const char* encoding), (conn, encoding))            \
  X(PGVerbosity, PQsetErrorVerbosity, (PGconn * conn, PGVerbosity verbosity), (conn, verbosity))  \
  X(PQnoticeProcessor, PQsetNoticeProcessor, (PGconn * conn, PQnoticeProcessor proc, void* arg),  \
    (conn, proc, arg))                                                                            \
  X(int, PQsocket, (const PGconn* conn), (conn))                                                  \
  X(ConnStatusType, PQstatus, (const PGconn* conn), (conn))                                       \
  X(void, PQtrace, (PGconn * conn, FILE * debug_port), (conn, debug_port))                        \
  X(unsigned char*, PQunescapeBytea, (const unsigned char* strtext, size_t* retbuflen),           \
    (strtext, retbuflen))                                                                         \
  X(void, PQuntrace, (PGconn * conn), (conn))                                                     \
  X(char*, PQuser, (const PGconn* conn), (conn))                                                  \
  X(int, lo_close, (PGconn * conn, int fd), (conn, fd))                                           \
  X(Oid, lo_creat, (PGconn * conn, int mode), (conn, mode))                                       \
  X(int, lo_export, (PGconn * conn, Oid lobjId, const char* filename), (conn, lobjId, filename))  \
  X(Oid, lo_import, (PGconn * conn, const char* filename), (conn, filename))                      \
  X(int, lo_lseek, (PGconn * conn, int fd, int offset, int whence), (conn, fd, offset, whence))   \
  X(int, lo_open, (PGconn * conn, Oid lobjId, int mode), (conn, lobjId, mode))                    \
  X(int, lo_read, (PGconn * conn, int fd, char* buf, size_t len), (conn, fd, buf, len))           \
  X(int, lo_tell, (PGconn * conn, int fd), (conn, fd))                                            \
  X(int, lo_unlink, (PGconn * conn, Oid lobjId), (conn, lobjId))                                  \
  X(int, lo_write, (PGconn * conn, int fd, const char* buf, size_t len), (conn, fd, buf, len))    \
  X(const char*, pg_encoding_to_char, (int encoding), (encoding))

namespace {

constexpr const char* libpq_file = "libpq.so.5";

enum Function : std::size_t {
#define MIGRATE_LIBPQ_INDEX(type, name, parameters, arguments) function_##name,
  MIGRATE_LIBPQ_FUNCTIONS(MIGRATE_LIBPQ_INDEX)
#undef MIGRATE_LIBPQ_INDEX
      function_count
};

constexpr std::array<const char*, function_count> function_names = {
#define MIGRATE_LIBPQ_NAME(type, name, parameters, arguments) #name,
    MIGRATE_LIBPQ_FUNCTIONS(MIGRATE_LIBPQ_NAME)
#undef MIGRATE_LIBPQ_NAME
};

struct Libpq {
  std::array<void*, function_count> addresses{};
  std::string error;  // why libpq could not be loaded; empty once it is
};

Libpq& libpq() {
  static Libpq loaded = [] {
    Libpq library;
    void* handle = dlopen(libpq_file, RTLD_NOW | RTLD_LOCAL);
    if (handle == nullptr) {
      const char* reason = dlerror();
      library.error = std::string("cannot load PostgreSQL's client library (") + libpq_file +
                      ", Debian package libpq5): " + (reason ? reason : "unknown error");
      return library;
    }
    for (std::size_t i = 0; i < function_count; ++i) {
      library.addresses[i] = dlsym(handle, function_names[i]);
      if (library.addresses[i] == nullptr) {
        library.error = std::string(libpq_file) + " has no function " + function_names[i] +
                        ": it is older than the libpq migrate was built with";
        return library;
      }
    }
    return library;
  }();
  return loaded;
}

void* address_of(Function function) {
  const Libpq& library = libpq();
  if (!library.error.empty()) throw std::runtime_error(library.error);
  return library.addresses[function];
}

}  // namespace

extern "C" const char* migrate_lazy_libpq_error() {
  const Libpq& library = libpq();
  return library.error.empty() ? nullptr : library.error.c_str();
}

extern "C" {
#define MIGRATE_LIBPQ_DEFINE(type, name, parameters, arguments)                         \
  type name parameters {                                                                \
    return reinterpret_cast<type(*) parameters>(address_of(function_##name)) arguments; \
  }
MIGRATE_LIBPQ_FUNCTIONS(MIGRATE_LIBPQ_DEFINE)
#undef MIGRATE_LIBPQ_DEFINE
}

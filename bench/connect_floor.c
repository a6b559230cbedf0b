/* The floor under `migrate current`: a program that only loads libpq, connects, runs one query
   and prints its rows. bench/run compiles it with the system's C compiler and libpq. */
#include <stdio.h>

#include <libpq-fe.h>

int main(int argc, char** argv) {
  if (argc != 3) {
    fprintf(stderr, "usage: connect_floor URL QUERY\n");
    return 2;
  }
  PGconn* connection = PQconnectdb(argv[1]);
  if (PQstatus(connection) != CONNECTION_OK) {
    fprintf(stderr, "%s", PQerrorMessage(connection));
    return 1;
  }
  PGresult* result = PQexec(connection, argv[2]);
  if (PQresultStatus(result) != PGRES_TUPLES_OK) {
    fprintf(stderr, "%s", PQerrorMessage(connection));
    return 1;
  }
  for (int row = 0; row < PQntuples(result); ++row) printf("%s\n", PQgetvalue(result, row, 0));
  PQclear(result);
  PQfinish(connection);
  return 0;
}

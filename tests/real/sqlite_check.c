/* A driver for SQLite (the amalgamation from npm's better-sqlite3,
   compiled unmodified; tests/real/Makefrag.mk): it opens the database
   file argv[2] through SQLite's own unix VFS, that is through
   libc-port's POSIX calls and RAM file system, runs the SQL script
   argv[1] (one statement per line-ending ';'), writes every result row
   as "a|b|c" to the file argv[3], closes the database, opens it again
   and appends its row count.  The harness compares argv[3] with
   tests/real/sqlite_check.expected, whose results were checked against
   another SQLite (Python's) where they do not depend on the version.
   Exit status 0, or 1 on any SQLite error (printed).  */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sqlite3.h"

static FILE *out;

static int
row (void *arg, int n, char **vals, char **names)
{
  (void)arg, (void)names;
  for (int i = 0; i < n; i++)
    fprintf (out, "%s%s", i ? "|" : "", vals[i] ? vals[i] : "NULL");
  fputc ('\n', out);
  return 0;
}

static int
run (sqlite3 *db, const char *sql)
{
  char *err = NULL;
  if (sqlite3_exec (db, sql, row, NULL, &err) != SQLITE_OK)
    {
      printf ("sqlite_check: %s\n  in: %s\n", err ? err : "?", sql);
      sqlite3_free (err);
      return 1;
    }
  return 0;
}

static char *
slurp (const char *path)
{
  FILE *f = fopen (path, "r");
  if (f == NULL)
    return NULL;
  static char buf[1 << 16];
  size_t n = fread (buf, 1, sizeof buf - 1, f);
  fclose (f);
  buf[n] = 0;
  return buf;
}

int
main (int argc, char **argv)
{
  if (argc != 4)
    {
      printf ("usage: sqlite_check SCRIPT DB OUT\n");
      return 1;
    }
  char *script = slurp (argv[1]);
  out = fopen (argv[3], "w");
  sqlite3 *db;
  if (script == NULL || out == NULL
      || sqlite3_open (argv[2], &db) != SQLITE_OK)
    {
      printf ("sqlite_check: cannot open %s, %s or %s\n", argv[1], argv[2],
              argv[3]);
      return 1;
    }
  int failed = 0;
  /* Statement by statement, so a failure names its statement.  */
  for (char *s = script, *e; *s; s = e)
    {
      e = strstr (s, ";\n");
      e = e ? e + 2 : s + strlen (s);
      char saved = *e;
      *e = 0;
      failed += run (db, s);
      *e = saved;
    }
  sqlite3_close (db);
  if (sqlite3_open (argv[2], &db) != SQLITE_OK)
    failed++;
  sqlite3_stmt *st;
  if (sqlite3_prepare_v2 (db, "SELECT count(*) FROM t", -1, &st, NULL)
          == SQLITE_OK
      && sqlite3_step (st) == SQLITE_ROW)
    fprintf (out, "reopened: %d rows\n", sqlite3_column_int (st, 0));
  else
    failed++;
  sqlite3_finalize (st);
  sqlite3_close (db);
  fclose (out);
  printf ("sqlite_check: %s\n", failed ? "FAIL" : "PASS");
  return failed ? 1 : 0;
}

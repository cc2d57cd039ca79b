/*
 * timeline/timeline.h - the case file, the time model and the indicators
 *
 * The one public header of timeline/.  Collectors put what they read into
 * the case through these functions and exporters read it back; neither
 * writes SQL.  timeline/ knows no collector and no exporter.
 *
 * Times are int64 nanoseconds since 1970-01-01T00:00:00Z everywhere inside
 * ftl; the raw text and the zone that was assumed travel with each event.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef TIMELINE_H
#define TIMELINE_H

#include <stdint.h>
#include <stddef.h>

#include "base/base.h"

#define TL_NS_PER_SEC 1000000000LL

/* ------------------------------------------------------------------ */
/* Time (timeline/time.c)                                              */
/* ------------------------------------------------------------------ */

/* A calendar time as read from evidence, before it becomes UTC. */
struct tl_civil {
    int year;              /* full year; 0 when the source has none */
    int mon;               /* 1..12 */
    int day;               /* 1..31 */
    int hour;              /* 0..23 */
    int min;               /* 0..59 */
    int sec;               /* 0..60 (60: leap second, kept as :59.999..) */
    int nsec;              /* 0..999999999 */
    int prec;              /* fraction digits the text had, 0..9 */
    int has_zone;          /* 1 when the text carried Z or an offset */
    int off_sec;           /* UTC offset in seconds when has_zone */
};

/* Longest text tl_time_format*() writes, with its NUL. */
#define TL_TIME_BUFSZ 48

/* Parse an RFC 3339 / ISO 8601 stamp at the start of s[0..n):
 * YYYY-MM-DD, optionally followed by 'T', 't' or ' ' and HH:MM[:SS[.f]]
 * (1 to 9 fraction digits; more are read and truncated to ns), optionally
 * followed by 'Z', 'z', +HH:MM, +HHMM or +HH.  On success fills *out,
 * sets *used (may be NULL) to the characters consumed and returns FTL_OK;
 * FTL_EPARSE otherwise (fields out of range included). */
int tl_time_parse_iso8601(const char *s, size_t n, struct tl_civil *out,
                          size_t *used);

/* Parse a classic syslog stamp "Mmm dd HH:MM:SS" (day may be space padded,
 * an optional .fraction is accepted) at the start of s[0..n).  The year is
 * left 0.  Returns FTL_OK or FTL_EPARSE. */
int tl_time_parse_syslog(const char *s, size_t n, struct tl_civil *out,
                         size_t *used);

/* Parse epoch seconds "[-]digits[.digits]" at the start of s[0..n) into
 * *ns, with *prec the fraction digits.  Returns FTL_OK or FTL_EPARSE
 * (also when the value does not fit int64 nanoseconds). */
int tl_time_parse_epoch(const char *s, size_t n, int64_t *ns, int *prec,
                        size_t *used);

/* Days since 1970-01-01 of a proleptic Gregorian date, and back. */
int64_t tl_days_from_civil(int64_t y, int m, int d);
void tl_civil_from_days(int64_t days, int64_t *y, int *m, int *d);
int tl_days_in_month(int64_t y, int m);

/* A named IANA time zone (e.g. "Europe/Brussels", "UTC"). */
struct tl_tz;

/* Open zone 'name'.  Unknown names fail with FTL_EUSAGE and a message;
 * they never fall back to UTC silently.  Release with tl_tz_close(). */
int tl_tz_open(struct tl_tz **out, const char *name, struct ftl_err *err);
void tl_tz_close(struct tl_tz *tz);
const char *tl_tz_name(const struct tl_tz *tz);
/* 1 when the zone is UTC (no conversion, nothing assumed beyond it). */
int tl_tz_is_utc(const struct tl_tz *tz);
/* Make 'tz' (NULL: UTC) the C library's local zone, for libraries that
 * read local times through mktime() (libtsk's FAT, libarchive's DOS zip
 * times).  Process-wide: call it before starting other threads. */
void tl_tz_use(const struct tl_tz *tz);
/* UTC offset in seconds in effect at UTC second 'sec'. */
int tl_tz_offset_at(const struct tl_tz *tz, int64_t sec);

/* The zone's abbreviation in effect at UTC second 'sec' ("CEST", "EST";
 * "UTC" for UTC), as the C library names it, into out[n].  Returns out.
 * For plaso's l2tcsv timezone column (export/l2tcsv.c). */
char *tl_tz_abbrev_at(const struct tl_tz *tz, int64_t sec, char *out,
                      size_t n);
/* Event flags (the 'flags' column); also returned by tl_civil_to_ns(). */
enum tl_flag {
    TL_F_DELETED = 1 << 0,        /* file-system entry is deleted */
    TL_F_YEAR_ESTIMATED = 1 << 1, /* year inferred, not in the source */
    TL_F_IOC = 1 << 2,            /* an indicator matched this item */
    TL_F_TZ_ASSUMED = 1 << 3,     /* source had no zone; the given one used */
    TL_F_DST_AMBIGUOUS = 1 << 4,  /* local time occurs twice (DST end);
                                     the earlier instant was taken */
    TL_F_DST_GAP = 1 << 5,        /* local time does not exist (DST start);
                                     read with the offset before the gap */
    TL_F_REALLOC = 1 << 6,        /* name deleted, metadata reallocated */
    TL_F_IOC_MESSAGE = 1 << 7,    /* set by analyze: an indicator matched
                                     another record of this message */
};

/* Convert to UTC nanoseconds.  A stamp with a zone converts exactly.
 * A zone-less one is read in 'tz' (NULL means UTC) and TL_F_TZ_ASSUMED,
 * plus TL_F_DST_* where the local time is ambiguous or does not exist,
 * are OR-ed into *flags (which may be NULL).  c->year must be set.
 * Returns FTL_OK, or FTL_EPARSE when the result does not fit int64
 * nanoseconds. */
int tl_civil_to_ns(const struct tl_civil *c, const struct tl_tz *tz,
                   int64_t *ns, unsigned *flags);

/* Format 'ns' as RFC 3339 UTC with 'Z'.  'prec' is the number of fraction
 * digits (0..9); a negative prec picks the shortest of 0, 3, 6 or 9 digits
 * that shows the value exactly.  Returns 'out'. */
char *tl_time_format(int64_t ns, int prec, char out[TL_TIME_BUFSZ]);

/* Same, as local time in 'tz' with its numeric offset ("+01:00"). */
char *tl_time_format_tz(int64_t ns, int prec, const struct tl_tz *tz,
                        char out[TL_TIME_BUFSZ]);

/* Parse a time given on the command line (--from, --to, --window): RFC
 * 3339 with or without zone (zone-less means UTC), a bare date, or '@'
 * followed by epoch seconds.  Returns FTL_OK or FTL_EUSAGE. */
int tl_time_parse_arg(const char *s, int64_t *ns, struct ftl_err *err);

/* Current wall-clock time in ns. */
int64_t tl_time_now(void);

/* Whole microseconds and whole seconds of 'ns', rounded down (so that a
 * time before 1970 lands on the right one). */
int64_t tl_time_usec(int64_t ns);
int64_t tl_time_sec(int64_t ns);

/* 'ns' as signed epoch seconds with a nine-digit fraction, the way body
 * files and raw_time columns write it: "-0.500000000". */
char *tl_time_format_epoch(int64_t ns, char out[TL_TIME_BUFSZ]);

/* Seconds and nanoseconds (0..999999999) since 1970 as int64 ns.  A time
 * outside 1677..2262, which file systems, archives and headers can hold,
 * gives *ns = 0 ("not set") and FTL_EPARSE. */
int tl_time_from_sec(int64_t sec, int64_t nsec, int64_t *ns);

/* ------------------------------------------------------------------ */
/* The case store (timeline/store.c)                                   */
/* ------------------------------------------------------------------ */

struct tl_store;

/* Current schema version (PRAGMA user_version). */
#define TL_SCHEMA_VERSION 5

enum tl_open_mode {
    TL_OPEN_READ = 0,      /* must exist; read only: the file's bytes
                              stay as they are, an older schema is read
                              as it is, a file without write permission
                              can be read */
    TL_OPEN_WRITE = 1,     /* must exist; migrated forward if older */
    TL_OPEN_CREATE = 2,    /* created when missing, else as WRITE */
};

/* Open the case file at 'path'.  A file that is not an ftl case, or one
 * of a newer schema, fails with FTL_ESCHEMA and says which.  On success
 * *out is owned by the caller: tl_store_close() it. */
int tl_store_open(struct tl_store **out, const char *path, int mode,
                  struct ftl_err *err);
void tl_store_close(struct tl_store *st);
const char *tl_store_path(const struct tl_store *st);
/* 1 when this open created the file (TL_OPEN_CREATE). */
int tl_store_created(const struct tl_store *st);

/* A case this open created that still holds no evidence, and no audit
 * row but 'audit_id' (another run's), is closed and its file removed:
 * FTL_OK, *st NULL.  Otherwise FTL_DONE and the case stays open.  For a
 * run that created the case and then collected nothing. */
int tl_store_remove_if_empty(struct tl_store **st, int64_t audit_id,
                             struct ftl_err *err);

/* case_info key/value pairs ("name", "examiner", "tz", "created", ...). */
int tl_case_set(struct tl_store *st, const char *key, const char *value,
                struct ftl_err *err);
/* Returns a malloc'd copy (caller frees) or NULL when unset. */
char *tl_case_get(struct tl_store *st, const char *key);

/* One command run, for the audit table. */
struct tl_audit {
    const char *argv;      /* the command line, shell-quoted */
    const char *command;   /* "collect bodyfile", "export csv", ... */
    int64_t started;       /* ns */
};
/* Start an audit row; *id receives its id. */
int tl_audit_begin(struct tl_store *st, const struct tl_audit *a,
                   int64_t *id, struct ftl_err *err);
/* Close it with the exit status and the counts as free text
 * ("events=12 files=3 warnings=0"). */
int tl_audit_end(struct tl_store *st, int64_t id, int status,
                 const char *counts, struct ftl_err *err);

/* Add a note to audit row 'id' (appended after "; " when there is one):
 * what a command did that its counts do not say ("evidence #3 replaced
 * by #7: ..."). */
int tl_audit_note(struct tl_store *st, int64_t id, const char *note,
                  struct ftl_err *err);

/*
 * Evidence is identified by its content: kind and SHA-256 (and, for an
 * item on its own, the part of it that was read: a disk image read from
 * one --offset is its inner_path "sector N").  Every place where that
 * content was found is a row of evidence_places: a path given on the
 * command line, or a parent item and the inner path in it.  The
 * evidence row keeps its first place in its own path, inner_path and
 * parent_id columns.
 */

/* An evidence item: a file given on the command line, or one found inside
 * another (a log inside a disk image: parent_id and inner_path set).
 * The same fields describe a place (tl_place_add). */
struct tl_evidence {
    const char *kind;      /* "bodyfile", "disk", "maillog", ... */
    const char *path;      /* as given on the command line */
    const char *inner_path;/* path inside the parent, or NULL */
    int64_t parent_id;     /* 0 when none */
    int64_t size;          /* bytes, -1 when unknown */
    int64_t mtime;         /* ns, the file's modification time; 0 unknown */
    const char *options;   /* collector options, "tz=UTC year=2023" */
    const char *tz;        /* zone assumed for zone-less times, or NULL */
    int year;              /* year assumed for year-less times, or 0 */
    int64_t audit_id;      /* the command that collected it */
    const char *given;     /* the options given that shape what is read,
                              canonical ("--tz=UTC --year=2023"); NULL
                              none.  Compared when the same content is
                              collected again. */
};

/* Begin collecting an evidence item: opens a savepoint and inserts the
 * row and its first place.  Everything added until tl_evidence_end()
 * (or tl_evidence_finish / tl_evidence_merge) belongs to it. */
int tl_evidence_begin(struct tl_store *st, const struct tl_evidence *ev,
                      int64_t *id, struct ftl_err *err);

/* Evidence outcome, stored in the 'status' column.  A row that another
 * replaced has status 'replaced' (see tl_evidence_retire). */
enum tl_ev_status {
    TL_EV_COMPLETE = 0,    /* read to the end */
    TL_EV_PARTIAL = 1,     /* read with damage; warnings say where */
    TL_EV_FAILED = 2,      /* nothing could be read */
    TL_EV_REPLACED = 3,    /* collected again: see superseded_by */
};

/* Finish evidence 'id': record its digests (sha256 identifies it; md5 may
 * be NULL), its status and counts, and commit.  When the same content of
 * the same kind is already in the case, everything added since
 * tl_evidence_begin() is rolled back, this item's place is recorded as a
 * place of the earlier item (tl_evidence_merge), *dup_of is set to the
 * earlier evidence id and FTL_DONE is returned.  (The collectors' policy
 * of retries and replacements is col_evidence_end()'s, which uses the
 * functions below.) */
int tl_evidence_end(struct tl_store *st, int64_t id, const char *sha256,
                    const char *md5, int status, int64_t *dup_of,
                    struct ftl_err *err);

/* Finish evidence 'id' as a new item (digests, status, counts) and
 * release its savepoint.  FTL_DONE, with the savepoint still open, when
 * the content turned out to be in the case after all (*dup_of). */
int tl_evidence_finish(struct tl_store *st, int64_t id, const char *sha256,
                       const char *md5, int status, int64_t *dup_of,
                       struct ftl_err *err);

/* Throw away everything added since tl_evidence_begin(). */
void tl_evidence_abort(struct tl_store *st, int64_t id);

/* What the case holds for one content: filled by tl_evidence_lookup(),
 * released with tl_known_clear(). */
struct tl_known {
    int64_t id;            /* 0: not in the case */
    int status;            /* enum tl_ev_status */
    int64_t parent_id;     /* its first place is inside #parent_id; 0 on
                              its own */
    int64_t n_events, n_files, n_warnings;
    int64_t audit_id;      /* the command that collected it */
    char *given;           /* the options it was collected with; NULL
                              when not known (a case before schema 4) */
    char *place;           /* its first place, "path" or "path//inner" */
};

/* The evidence of 'kind' holding content 'sha256' ('part': the inner
 * path of an item on its own, NULL or "" for all of it), other than
 * 'self' (0 for none).  k->id = 0 when there is none. */
int tl_evidence_lookup(struct tl_store *st, const char *kind,
                       const char *sha256, const char *part, int64_t self,
                       struct tl_known *k, struct ftl_err *err);
/* The same, for the content evidence 'id' (being collected) has. */
int tl_evidence_lookup_as(struct tl_store *st, int64_t id,
                          const char *sha256, struct tl_known *k,
                          struct ftl_err *err);
void tl_known_clear(struct tl_known *k);

/* Record 'place' (its path, inner_path, parent_id, size, mtime and
 * audit_id) as a place of evidence 'evidence_id'.  *place_id (may be
 * NULL) is the new row, or 0 when that place was already recorded. */
int tl_place_add(struct tl_store *st, int64_t evidence_id,
                 const struct tl_evidence *place, int64_t *place_id,
                 struct ftl_err *err);

/* Evidence 'id' (being collected) is the content of 'known': throw away
 * everything added since tl_evidence_begin() and record its place on
 * 'known' (*place_id as tl_place_add). */
int tl_evidence_merge(struct tl_store *st, int64_t id, int64_t known,
                      int64_t *place_id, struct ftl_err *err);

/* Evidence 'id' (being collected, inside its savepoint) takes the place
 * of evidence 'old': every row 'old' gave (events, files, warnings,
 * messages and their links, attachments, documents and their persons and
 * categories, persons and their aliases, indicator hits) is removed, its
 * places and its children's places move to 'id', and its row stays as a
 * record: status 'replaced', superseded_by = id, 'why' in its note.
 * Undone with the savepoint if 'id' is.  *refs (may be NULL) receives
 * how many document attributions pointed at persons 'old' gave. */
int tl_evidence_retire(struct tl_store *st, int64_t old, int64_t id,
                       const char *why, int64_t *refs, struct ftl_err *err);

/* Call fn for every place of evidence 'id', first place first; the
 * fields of 'place' are valid during the call.  A non-zero return of fn
 * stops the walk and is returned. */
typedef int (*tl_place_fn)(int64_t place_id, const struct tl_evidence *place,
                           void *payload);
int tl_places_each(struct tl_store *st, int64_t id, tl_place_fn fn,
                   void *payload, struct ftl_err *err);

/* The parent of evidence 'id' (its first place), 0 when on its own. */
int64_t tl_evidence_parent(struct tl_store *st, int64_t id);
/* The kind of evidence 'id', malloc'd (caller frees), or NULL. */
char *tl_evidence_kind(struct tl_store *st, int64_t id);

/* The path (as given) of evidence 'id', malloc'd (caller frees), or NULL.
 * A child item's row holds its parent's path with its own inner path. */
char *tl_evidence_path(struct tl_store *st, int64_t id);

/* Rows added so far for evidence 'id' (before tl_evidence_end()). */
struct tl_counts {
    int64_t events, files, warnings, hits;
};
int tl_evidence_counts(struct tl_store *st, int64_t id, struct tl_counts *c,
                       struct ftl_err *err);

/* Count again the events, files and warnings of finished evidence 'id'
 * on its row, after rows were added to it for a place found later. */
int tl_evidence_recount(struct tl_store *st, int64_t id,
                        struct ftl_err *err);

/* Set a free-text note on an evidence row (e.g. "E01 stored MD5 ..."). */
int tl_evidence_note(struct tl_store *st, int64_t id, const char *note,
                     struct ftl_err *err);

/* Look up evidence with this kind and digest (and, when parent_id is 0,
 * this inner path: the part read); *id = 0 when none.  Lets a collector
 * skip a re-read. */
int tl_evidence_find(struct tl_store *st, const char *kind,
                     const char *sha256, int64_t parent_id,
                     const char *inner_path, int64_t *id,
                     struct ftl_err *err);

/* One timestamp.  Strings are borrowed for the call. */
struct tl_event {
    int64_t ts;            /* ns UTC */
    int prec;              /* fraction digits the source gives, 0..9 */
    const char *ts_desc;   /* plaso vocabulary: "Content Modification Time" */
    const char *source;    /* FILE, LOG, MAIL, DOC */
    const char *artifact;  /* fs:file, mail:delivery, doc:meta, ... */
    int64_t evidence_id;
    const char *locator;   /* where: "line 12", "inode 14 /a/b", "@4096" */
    const char *message;   /* one human sentence */
    const char *raw_time;  /* the time as written in the source, or NULL */
    const char *tz;        /* zone assumed when the source had none */
    unsigned flags;        /* enum tl_flag */
    int64_t file_id;       /* links, 0 when none */
    int64_t msg_id;
    int64_t doc_id;
    int64_t person_id;
};

/* Insert an event.  Returns FTL_OK, FTL_DONE when the same (evidence,
 * locator, ts, ts_desc) is already there, or an error.  *id may be NULL. */
int tl_event_add(struct tl_store *st, const struct tl_event *ev,
                 int64_t *id, struct ftl_err *err);

/* One file-system entry, as fls -m sees it. */
struct tl_file {
    int64_t evidence_id;
    int64_t part_offset;   /* byte offset of the file system, -1 none */
    const char *partition; /* e.g. "p2", or NULL for a bare file system */
    int64_t addr;          /* metadata address (inode), -1 unknown */
    const char *inode;     /* TSK inode string, e.g. "64-128-2" */
    const char *path;      /* full path, without any "(deleted)" suffix */
    const char *link;      /* symlink target (fls prints " -> target"),
                              or NULL */
    int name_alloc;        /* 1 allocated, 0 unallocated name */
    int meta_alloc;        /* 1 allocated, 0 unallocated metadata */
    int deleted;           /* 1 when the entry is deleted */
    const char *mode;      /* TSK mode string, e.g. "r/rrw-r--r--" */
    const char *uid;       /* as text: body files may hold anything */
    const char *gid;
    int64_t size;
    int64_t atime, mtime, ctime, crtime, dtime;   /* ns, 0 = not set */
    const char *md5;       /* hex or NULL */
    const char *sha256;    /* hex or NULL */
    const char *hash_note; /* e.g. "deleted: content may be overwritten" */
    const char *locator;   /* unique within the evidence */
};

int tl_file_add(struct tl_store *st, const struct tl_file *f, int64_t *id,
                struct ftl_err *err);

/* Record a warning about an evidence item (0 when about none). */
int tl_warning_add(struct tl_store *st, int64_t evidence_id,
                   const char *locator, const char *message,
                   struct ftl_err *err);

/* Raw read access for timeline/ itself and the tests; exporters read
 * through the typed readers below and never write SQL.  Run 'sql' (a
 * fixed string, never built from evidence) with the given int64 / text
 * parameters and call 'row' for each result row.  The row callback gets
 * the sqlite3_stmt as void*; use the tl_col_* accessors.  Returning
 * non-zero from it stops the walk. */
typedef int (*tl_row_fn)(void *stmt, void *payload);
int tl_store_query(struct tl_store *st, const char *sql, tl_row_fn row,
                   void *payload, struct ftl_err *err);
int64_t tl_col_int(void *stmt, int i);
const char *tl_col_text(void *stmt, int i);   /* NULL for SQL NULL */
int tl_col_bytes(void *stmt, int i);
int tl_col_is_null(void *stmt, int i);
int tl_col_is_int(void *stmt, int i);         /* an SQL INTEGER value */
int tl_col_count(void *stmt);
const char *tl_col_name(void *stmt, int i);
/* 1 when column i is declared as a time (TIME_NS) in the schema. */
int tl_col_is_time(void *stmt, int i);

/* Prepare a read statement with bound parameters: 'types' lists one
 * character per parameter, 'i' (int64_t) or 't' (const char *). */
int tl_store_select(struct tl_store *st, const char *sql, const char *types,
                    tl_row_fn row, void *payload, struct ftl_err *err, ...);

/* 1 when table 'name' exists and may be exported with --table. */
int tl_store_has_table(struct tl_store *st, const char *name);

/* ------------------------------------------------------------------ */
/* Reading the case (timeline/read.c, timeline/summary.c)              */
/* ------------------------------------------------------------------ */

/*
 * Typed walks over what a case holds, for the exporters and 'ftl info'.
 * Each calls its callback once per row, in a fixed order; the strings of
 * a row are borrowed and valid only during the call.  A non-zero return
 * from the callback stops the walk and is what the walk returns (so a
 * positive value is never mistaken for an error code of the store).
 */

/* Which events tl_events_each() walks.  Zeroed means every event. */
struct tl_event_query {
    int64_t from, to;          /* inclusive bounds (ns), when has_from / */
    int has_from, has_to;      /* has_to is set */
    unsigned flags;            /* only events with all these enum tl_flag
                                  bits (TL_F_IOC: indicator hits only) */
    int64_t evidence_id;       /* 0: every evidence item */
    const char *source;        /* "FILE", "LOG", ...; NULL: any */
    const char *artifact;      /* "fs:file", ...; NULL: any */
    int64_t person_id;         /* 0: any */
};

/* One event as the exporters show it. */
struct tl_event_row {
    int64_t id;
    int64_t ts;                /* ns UTC */
    int prec;                  /* fraction digits the source gave */
    const char *ts_desc;
    const char *message;
    const char *source;
    const char *artifact;
    int64_t evidence_id;
    const char *evidence;      /* the evidence's path; a child item reads
                                  "image.dd//mail/log/maillog" */
    const char *evidence_sha256; /* of the evidence's bytes; NULL when
                                    not known */
    const char *locator;
    const char *raw_time;      /* NULL when the source gave none */
    const char *tz;            /* zone assumed, or NULL */
    unsigned flags;            /* enum tl_flag */
    const char *indicators;    /* TL_F_IOC events: the hits at the same
                                  evidence and locator, "family: type
                                  value; ..." (NULL otherwise) */
    int64_t file_id, msg_id, doc_id, person_id;   /* 0 when none */
};

typedef int (*tl_event_fn)(const struct tl_event_row *ev, void *arg);

/* ---- what each event proves, for the line exporters (cited.c) ---- */

/* The exposures an event is cited by (exposures.event_ids), as a
 * Timesketch user filters on them.  Sorted, each once.  The pointers
 * are valid until the next tl_cited_find() or tl_cited_free(). */
struct tl_cited_event {
    const char *const *persons;    /* employee number, else name, else
                                      "person-N" */
    size_t n_persons;
    const char *const *categories;
    size_t n_categories;
    const char *const *channels;   /* mail-transit, appliance-storage */
    size_t n_channels;
    const int64_t *exposure_ids;   /* exposures.id, ascending */
    size_t n_exposures;
    const char *confidence;        /* the best: observed > accessible >
                                      unknown */
    const char *strength;          /* the best: strong > medium > weak */
};

struct tl_cited;

/* Read every exposure's cited events once (memory: what the analysis
 * cites; none for a case never analysed). */
int tl_cited_open(struct tl_cited **out, struct tl_store *st,
                  struct ftl_err *err);
/* 1 and *out filled when the event proves an exposure, 0 when not,
 * FTL_ENOMEM. */
int tl_cited_find(struct tl_cited *c, int64_t event_id,
                  struct tl_cited_event *out);
/* Number of distinct events cited. */
size_t tl_cited_count(const struct tl_cited *c);
void tl_cited_free(struct tl_cited *c);

/* The case's stable id, a UUID derived from its creation (case_id.c
 * says how): the same for the same case file on any machine. */
#define TL_CASE_ID_LEN 36
int tl_case_id(struct tl_store *st, char out[TL_CASE_ID_LEN + 1],
               struct ftl_err *err);

/* Walk the events that match q (NULL: all) in timeline order, by time
 * and then by id. */
int tl_events_each(struct tl_store *st, const struct tl_event_query *q,
                   tl_event_fn fn, void *arg, struct ftl_err *err);

/* The same events, each with its file-system entry (NULL when it has
 * none) and the host of its message (NULL when none), ordered by time,
 * then file, then document, then id: the times of one entry that are
 * equal come one after the other, which is what plaso's l2tcsv
 * needs to fold them into one MACB row (timeline/read_entries.c).  SQLite
 * sorts only the events of one time, so memory stays bounded by the
 * largest set of events at one instant. */
typedef int (*tl_event_entry_fn)(const struct tl_event_row *ev,
                                 const struct tl_file *f, const char *host,
                                 void *arg);
int tl_event_entries_each(struct tl_store *st,
                          const struct tl_event_query *q,
                          tl_event_entry_fn fn, void *arg,
                          struct ftl_err *err);

/* Walk the files table, in the order the collectors added the entries;
 * evidence_id 0 walks every item.  f->size is 0 when it was not known;
 * the times are 0 when not set, as fls has them. */
typedef int (*tl_file_fn)(const struct tl_file *f, void *arg);
int tl_files_each(struct tl_store *st, int64_t evidence_id, tl_file_fn fn,
                  void *arg, struct ftl_err *err);

/* A table of the case read as it is (ftl export csv --table).  Each cell
 * carries the type SQLite stored; a time column (TIME_NS in the schema)
 * is marked, and zero_unset says that 0 in it means "not set" (as TSK
 * has it in files), not 1970-01-01. */
struct tl_column {
    const char *name;
    int is_time;
    int zero_unset;
};

enum tl_cell_type { TL_CELL_NULL, TL_CELL_INT, TL_CELL_TEXT };

struct tl_cell {
    enum tl_cell_type type;
    int64_t i;                 /* TL_CELL_INT, and any cell of a time
                                  column that is not NULL */
    const char *text;          /* TL_CELL_TEXT: the bytes (a REAL or a
                                  BLOB as SQLite's text of it) */
    size_t len;
};

struct tl_table {
    const char *name;
    int ncols;
    const struct tl_column *cols;
};

/* Call columns once (also for an empty table), then row for each row
 * ordered by the first column.  A name that is not a table or view of
 * the case fails with FTL_EUSAGE; the message lists the tables. */
typedef int (*tl_columns_fn)(const struct tl_table *t, void *arg);
typedef int (*tl_cells_fn)(const struct tl_table *t,
                           const struct tl_cell *cells, void *arg);
int tl_table_each(struct tl_store *st, const char *name,
                  tl_columns_fn columns, tl_cells_fn row, void *arg,
                  struct ftl_err *err);

/* The tables and views that tl_table_each() reads, by name. */
typedef int (*tl_name_fn)(const char *name, void *arg);
int tl_tables_each(struct tl_store *st, tl_name_fn fn, void *arg,
                   struct ftl_err *err);

/* ---- what a case holds, for 'ftl info' (timeline/summary.c) ------ */

/* case_info pairs, by key. */
typedef int (*tl_pair_fn)(const char *key, const char *value, void *arg);
int tl_case_each(struct tl_store *st, tl_pair_fn fn, void *arg,
                 struct ftl_err *err);

/* One evidence row as recorded. */
struct tl_evidence_row {
    int64_t id;
    const char *kind;
    const char *path;          /* as given on the command line */
    const char *inner_path;    /* "" for top-level evidence */
    int64_t parent_id;         /* 0 when none */
    int64_t size;              /* -1 unknown (a folder, a stream) */
    const char *sha256;        /* NULL when not computed */
    const char *md5;           /* NULL when not computed */
    const char *status;        /* complete, partial, failed, collecting */
    int64_t collected_at;      /* ns */
    int64_t n_events, n_files, n_warnings;
    const char *note;          /* NULL when none */
    const char *options;       /* collector options, NULL when none */
};

typedef int (*tl_evidence_fn)(const struct tl_evidence_row *e, void *arg);
int tl_evidence_each(struct tl_store *st, tl_evidence_fn fn, void *arg,
                     struct ftl_err *err);

/* Counts over all events. */
struct tl_event_stats {
    int64_t n;                 /* events */
    int64_t first, last;       /* ns; 0 when there are none */
    int64_t year_estimated;    /* with TL_F_YEAR_ESTIMATED */
    int64_t tz_assumed;        /* with TL_F_TZ_ASSUMED */
};
int tl_event_stats(struct tl_store *st, struct tl_event_stats *out,
                   struct ftl_err *err);

/* Events per (source, artifact), ordered by both. */
typedef int (*tl_count_fn)(const char *source, const char *artifact,
                           int64_t n, void *arg);
int tl_event_counts_each(struct tl_store *st, tl_count_fn fn, void *arg,
                         struct ftl_err *err);

/* The indicator hits and the warnings: how many there are, and the first
 * 'limit' of them (0: all) by id. */
struct tl_hit_row {
    int64_t id;
    int64_t evidence_id;
    const char *description;   /* one sentence */
    const char *locator;
};
typedef int (*tl_hit_fn)(const struct tl_hit_row *h, void *arg);
int tl_ioc_hits_count(struct tl_store *st, int64_t *n, struct ftl_err *err);
int tl_ioc_hits_each(struct tl_store *st, int64_t limit, tl_hit_fn fn,
                     void *arg, struct ftl_err *err);

struct tl_warning_row {
    int64_t id;
    int64_t evidence_id;       /* 0: about no evidence item */
    const char *evidence;      /* that item's path, NULL when none */
    const char *locator;       /* NULL when none */
    const char *message;
};
typedef int (*tl_warning_fn)(const struct tl_warning_row *w, void *arg);
int tl_warnings_count(struct tl_store *st, int64_t *n, struct ftl_err *err);
int tl_warnings_each(struct tl_store *st, int64_t limit, tl_warning_fn fn,
                     void *arg, struct ftl_err *err);

/* The commands run on the case (the audit table), by id. */
struct tl_audit_row {
    int64_t id;
    const char *command;
    const char *argv;
    const char *tool_version;
    const char *user;
    const char *host;
    int64_t started;           /* ns */
    int64_t ended;             /* ns, 0 while it runs or when it died */
    int has_exit;              /* exit_status was recorded */
    int exit_status;
    const char *counts;        /* NULL when none */
};
typedef int (*tl_audit_fn)(const struct tl_audit_row *a, void *arg);
int tl_audit_each(struct tl_store *st, tl_audit_fn fn, void *arg,
                  struct ftl_err *err);

/* ------------------------------------------------------------------ */
/* Messages and attachments (timeline/mail.c)                          */
/* ------------------------------------------------------------------ */

/* One message: a transaction in a mail log (origin "log": queue id,
 * gateway id) or a message in a mail store (origin "store").  Strings are
 * borrowed for the call; NULL means unknown. */
struct tl_message {
    int64_t evidence_id;
    const char *origin;        /* "log" or "store" */
    const char *queue_id;      /* postfix/sendmail/exim queue id */
    const char *gateway_id;    /* Barracuda message id */
    const char *message_id;    /* Message-ID, without the angle brackets */
    const char *sender;
    const char *recipients;    /* ';'-separated, lower case */
    int64_t size;              /* bytes, -1 unknown */
    const char *subject;       /* decoded to UTF-8 */
    const char *status;        /* of the last delivery attempt */
    int64_t date;              /* Date: header, ns; 0 unknown */
    int64_t first_seen;        /* ns; 0 unknown */
    int64_t last_seen;
    const char *host;          /* the host that logged it */
    const char *client;        /* connecting client, "host[ip]" */
    unsigned flags;            /* enum tl_flag (year estimated, ioc) */
    const char *locator;       /* unique in the evidence: "qid ABC@line 12",
                                  "offset 4096", "cur/1700000000.x" */
};

/* Insert a message; FTL_DONE when its (evidence, locator) is there. */
int tl_message_add(struct tl_store *st, const struct tl_message *m,
                   int64_t *id, struct ftl_err *err);
/* Overwrite every column of message 'id' with m (m->locator ignored). */
int tl_message_update(struct tl_store *st, int64_t id,
                      const struct tl_message *m, struct ftl_err *err);
/* Link a message to a value that identifies it elsewhere, once (the same
 * msg_id, kind and value again adds nothing): kind
 * "queued-as" (value: the next queue id), "message-id", "gateway-id";
 * other_msg_id when the other message is known (else 0). */
int tl_message_link(struct tl_store *st, int64_t evidence_id, int64_t msg_id,
                    const char *kind, const char *value,
                    int64_t other_msg_id, struct ftl_err *err);

/* A MIME leaf part with a file name or non-inline content, or a member of
 * an attached archive (is_member, parent_id = the archive's row). */
struct tl_attachment {
    int64_t evidence_id;
    int64_t msg_id;            /* messages row, 0 unknown */
    const char *message_id;
    int64_t parent_id;         /* archive holding this member, 0 none */
    const char *part_path;     /* "1.2", "1.2/member/path" */
    const char *filename;      /* decoded to UTF-8 */
    const char *content_type;
    int64_t size;              /* decoded bytes */
    const char *md5;
    const char *sha256;
    int is_member;
    const char *note;          /* e.g. "zip bomb bound hit: ..." */
    const char *locator;       /* unique in the evidence */
};

int tl_attachment_add(struct tl_store *st, const struct tl_attachment *a,
                      int64_t *id, struct ftl_err *err);

/* Complete attachment row 'id', added with tl_attachment_add() before
 * its content was read: decoded size (-1 unknown), digests and note
 * (each may be NULL). */
int tl_attachment_finish(struct tl_store *st, int64_t id, int64_t size,
                         const char *md5, const char *sha256,
                         const char *note, struct ftl_err *err);

/* What a place of a stored message needs of it (its delivery to a
 * maildir, its file time): filled by tl_message_only(), strings "" when
 * unknown; release with tl_message_brief_clear(). */
struct tl_message_brief {
    int64_t id;
    unsigned flags;
    char *message_id, *sender, *recipients, *subject;
};
/* The one message of evidence 'evidence_id' (a single stored message):
 * FTL_OK, FTL_DONE when it holds none or more than one, or an error. */
int tl_message_only(struct tl_store *st, int64_t evidence_id,
                    struct tl_message_brief *b, struct ftl_err *err);
void tl_message_brief_clear(struct tl_message_brief *b);
/* Widen message 'msg_id's first_seen .. last_seen to take in 'ts'. */
int tl_message_seen(struct tl_store *st, int64_t msg_id, int64_t ts,
                    struct ftl_err *err);

/* Flag message 'msg_id' and every event linked to it (events of its own
 * evidence) as an indicator hit (TL_F_IOC), for a hit found after they
 * were written. */
int tl_message_flag_ioc(struct tl_store *st, int64_t msg_id,
                        struct ftl_err *err);

/* ------------------------------------------------------------------ */
/* Indicators of compromise (timeline/iocs_load.c, iocs_match.c,      */
/* iocs_hits.c)                                                        */
/* ------------------------------------------------------------------ */

struct tl_iocset;

/* One indicator, as in the pack CSV type,value,family,note,source. */
struct tl_ioc {
    int64_t id;            /* row id in the 'iocs' table once stored */
    const char *type;      /* path, filename, md5, sha256, path_regex,
                              ip, domain, email, subject_regex,
                              name_regex, name_substring */
    const char *value;
    const char *family;
    const char *note;
    const char *source;
};

/* Load the pack shipped inside ftl (built from the public UNC4841
 * indicators, each with its source). */
int tl_iocs_load_default(struct tl_iocset **out, struct ftl_err *err);
/* Load a pack from a CSV file; bad rows fail with the line number. */
int tl_iocs_load_file(struct tl_iocset **out, const char *path,
                      struct ftl_err *err);
/* Load the indicators of the case ('iocs' table) whose family is
 * 'family' (all of them when NULL), in row order, with their row ids
 * set: the analysis matches again what the collections searched for. */
int tl_iocs_load_case(struct tl_iocset **out, struct tl_store *st,
                      const char *family, struct ftl_err *err);
void tl_iocs_free(struct tl_iocset *set);
size_t tl_iocs_count(const struct tl_iocset *set);

/* Write the set's indicators into the case ('iocs' table, deduplicated on
 * type+value) and learn their row ids.  Call once before matching. */
int tl_iocs_store(struct tl_store *st, struct tl_iocset *set,
                  struct ftl_err *err);

/* What a value is, for matching. */
enum tl_ioc_target {
    TL_T_PATH,             /* full path inside an image or store */
    TL_T_NAME,             /* a file or attachment name, or archive member */
    TL_T_MD5,
    TL_T_SHA256,
    TL_T_IP,
    TL_T_DOMAIN,           /* host name */
    TL_T_EMAIL,            /* sender or recipient address */
    TL_T_SUBJECT,
};

/* Call 'hit' for every indicator matching 'value' as 'target'.  Path
 * targets are also tested as names (their last component).  Returns the
 * number of matches. */
typedef void (*tl_ioc_hit_fn)(const struct tl_ioc *ioc, void *payload);
int tl_iocs_match(const struct tl_iocset *set, int target,
                  const char *value, tl_ioc_hit_fn hit, void *payload);

/* 1 when a name (attachment, archive member, subject) carries shell
 * metacharacters as in the CVE-2023-2868 exploit: backtick, "$(", ';',
 * '|' or '&'.  'why' (may be NULL) receives a static description. */
int tl_name_is_suspicious(const char *name, const char **why);

/* Rule name of a tl_name_is_suspicious() hit in ioc_hits.rule. */
#define TL_RULE_SHELL_NAME "shell-metacharacters-in-name"

/* A recorded match.  Denormalised on purpose: each row reads on its own. */
struct tl_ioc_hit {
    int64_t evidence_id;
    const struct tl_ioc *ioc; /* NULL for a rule hit (suspicious name) */
    const char *rule;      /* rule name when ioc is NULL */
    const char *why;       /* for a rule hit: what in the value made it
                              ("contains a backtick") */
    const char *target;    /* "path", "filename", "md5", "attachment name",
                              "subject", "log line", ... */
    const char *value;     /* the value that matched */
    const char *context;   /* the file path, message or log line */
    const char *locator;   /* same locator as the events it flags */
    int64_t file_id, msg_id, attachment_id;
};

/* Store a hit and flag every event of the same evidence and locator
 * (TL_F_IOC); events added later with TL_F_IOC set are flagged by the
 * caller.  *id may be NULL. */
int tl_ioc_hit_add(struct tl_store *st, const struct tl_ioc_hit *h,
                   int64_t *id, struct ftl_err *err);

/* ------------------------------------------------------------------ */
/* Personnel register and HR documents (timeline/hr.c)                 */
/* ------------------------------------------------------------------ */

/* One person of the personnel register.  Strings are borrowed for the
 * call (tl_person_add) or valid during the callback (tl_persons_each);
 * NULL means unknown. */
struct tl_person {
    int64_t id;                /* person_id; set by the read functions */
    int64_t evidence_id;       /* the register it was read from */
    const char *employee_no;
    const char *name;          /* full name as shown ("Jean Dupont") */
    const char *first_name;
    const char *last_name;
    const char *emails;        /* ';'-separated, lower case */
    const char *department;
    const char *role;
    const char *status;
    const char *extra;         /* other register columns, a JSON object */
    const char *locator;       /* where in the register: "line 12" */
};

/* Insert a person; *id (may be NULL) receives its person_id. */
int tl_person_add(struct tl_store *st, const struct tl_person *p,
                  int64_t *id, struct ftl_err *err);

/* Add a name variant of a person used for matching: 'kind' is one of
 * "employee_no", "email", "name", "reversed", "initials", "unaccented",
 * "formatted", "surname"; 'norm' is the folded form that is matched. */
int tl_person_alias_add(struct tl_store *st, int64_t person_id,
                        const char *alias, const char *kind,
                        const char *norm, struct ftl_err *err);

/* Call fn for every person in the case, in person_id order.  A non-zero
 * return from fn stops the walk and is returned. */
typedef int (*tl_person_fn)(const struct tl_person *p, void *payload);
int tl_persons_each(struct tl_store *st, tl_person_fn fn, void *payload,
                    struct ftl_err *err);

/* Call fn for every alias, ordered by person_id then alias id. */
typedef int (*tl_alias_fn)(int64_t person_id, const char *alias,
                           const char *kind, const char *norm,
                           void *payload);
int tl_person_aliases_each(struct tl_store *st, tl_alias_fn fn,
                           void *payload, struct ftl_err *err);

/* One file of an HR document store.  Strings are borrowed for the call. */
struct tl_document {
    int64_t evidence_id;
    const char *path;          /* store path joined with the file's path */
    int64_t size;              /* bytes, -1 unknown */
    const char *md5;           /* hex, NULL when the file was unreadable */
    const char *sha256;
    const char *type;          /* "docx", "odt", "pdf", "hr-xml", ... */
    const char *title;
    const char *author;
    const char *last_modified_by;
    const char *revision;
    int64_t created;           /* ns from the document's own metadata; */
    int64_t modified;          /* 0 when it has none */
    int64_t printed;
    const char *person_ids;    /* ';'-separated person_id list */
    const char *categories;    /* ';'-separated data categories */
    const char *attribution;   /* how each person and category was found */
    int art9;                  /* 1: a GDPR Art. 9 special category */
    const char *locator;       /* unique in the evidence: relative path */
};

/* Insert a document; FTL_DONE when its (evidence, locator) is there. */
int tl_document_add(struct tl_store *st, const struct tl_document *d,
                    int64_t *id, struct ftl_err *err);

/* Record that person_id was found in document doc_id: 'strength' is "id"
 * (employee number or e-mail), "name" (full name or a name alias) or
 * "surname" (surname alone: a candidate, not an attribution); 'field'
 * says where ("path", "name", "meta:title", "text", ...); 'matched' is
 * the alias that matched. */
int tl_document_person_add(struct tl_store *st, int64_t doc_id,
                           int64_t person_id, const char *strength,
                           const char *field, const char *matched,
                           struct ftl_err *err);

/* Record that a rule put document doc_id in 'category'. */
int tl_document_category_add(struct tl_store *st, int64_t doc_id,
                             const char *category, int art9,
                             const char *field, const char *pattern,
                             const char *matched, struct ftl_err *err);
/* Attributing again the documents of a store already in the case (a
 * register loaded after it): the persons and categories are found anew
 * from the document's bytes, re-read from the store's place. */

/* An evidence row, as tl_kind_evidence_each() gives it (valid during the
 * call). */
struct tl_kind_evidence {
    int64_t id, parent_id;
    const char *path, *inner_path, *options, *sha256, *status;
};
typedef int (*tl_kind_evidence_fn)(const struct tl_kind_evidence *e,
                              void *payload);
/* Call fn for every finished evidence row of 'kind' that no other replaced,
 * in id order. */
int tl_kind_evidence_each(struct tl_store *st, const char *kind,
                          tl_kind_evidence_fn fn, void *payload,
                          struct ftl_err *err);

/* The document of evidence 'evidence_id' at 'locator': *id (0 when there
 * is none), its SHA-256 (NULL column: "") and person_ids ("" none). */
int tl_document_find(struct tl_store *st, int64_t evidence_id,
                     const char *locator, int64_t *id, char sha256[65],
                     char *person_ids, size_t pn, struct ftl_err *err);
/* Set what was found of document 'id' (d->person_ids, categories,
 * attribution, art9) and drop its document_persons and
 * document_categories rows, to be added again. */
int tl_document_reattribute(struct tl_store *st, int64_t id,
                            const struct tl_document *d,
                            struct ftl_err *err);
/* The message and person of the event of document 'doc_id' at (locator,
 * ts, ts_desc), rewritten with what was found again. */
int tl_document_event_set(struct tl_store *st, int64_t doc_id,
                          const struct tl_event *ev, struct ftl_err *err);
/* A savepoint around the re-attribution of one store: begin, then end
 * with keep = 1 (released) or 0 (rolled back). */
int tl_reattr_begin(struct tl_store *st, struct ftl_err *err);
void tl_reattr_end(struct tl_store *st, int keep);


/* ------------------------------------------------------------------ */
/* What the report reads (timeline/report.c)                           */
/* ------------------------------------------------------------------ */

/*
 * Typed readers over the case and the analysis tables (schema v3), for
 * 'ftl export html' and 'ftl info'.  Each walks rows in a fixed order and
 * calls fn once per row; the strings are valid during the call only.  A
 * non-zero return from fn stops the walk and is returned.  Times are UTC
 * ns; has_* = 0 where the column is NULL.  Lists of event ids are the
 * analysis's text form: ids ascending, one space apart.
 */

/* 1 when 'ftl analyze' has written its tables into this case (a case of
 * an older schema, or one never analysed, gives 0). */
int tl_rep_has_analysis(struct tl_store *st);

/* A key and its value: case_info, or the analysis table (the run's
 * facts: options, when it ran). */
typedef int (*tl_rep_kv_fn)(const char *key, const char *value,
                            void *payload);
int tl_rep_case_each(struct tl_store *st, tl_rep_kv_fn fn, void *payload,
                     struct ftl_err *err);
int tl_rep_analysis_each(struct tl_store *st, tl_rep_kv_fn fn,
                         void *payload, struct ftl_err *err);

/* One bound of the compromise window ('start' first, then 'end'). */
struct tl_rep_bound {
    const char *bound;         /* "start" or "end" */
    int64_t ts;
    int has_ts;                /* 0: no bound could be found */
    const char *origin;        /* explicit, indicator, contained, ... */
    const char *reason;        /* a sentence */
    const char *event_ids;
};
typedef int (*tl_rep_bound_fn)(const struct tl_rep_bound *b, void *payload);
int tl_rep_window_each(struct tl_store *st, tl_rep_bound_fn fn,
                       void *payload, struct ftl_err *err);

/* One warning of the analysis, in id order. */
struct tl_rep_warning {
    int64_t id;
    const char *kind;
    const char *message;
    const char *event_ids;
};
typedef int (*tl_rep_warning_fn)(const struct tl_rep_warning *w,
                                 void *payload);
int tl_rep_warnings_each(struct tl_store *st, tl_rep_warning_fn fn,
                         void *payload, struct ftl_err *err);

/* A name and a count: analysis warnings per kind, events per source ...
 * in name order. */
typedef int (*tl_rep_count_fn)(const char *name, int64_t n, void *payload);
int tl_rep_warning_kinds_each(struct tl_store *st, tl_rep_count_fn fn,
                              void *payload, struct ftl_err *err);

/* One clock offset between two hosts. */
struct tl_rep_clock {
    int64_t id;
    const char *host_a, *host_b;
    double offset_seconds;     /* how far host_a is ahead of host_b */
    double spread_seconds;
    int64_t pairs;
    const char *method;        /* two-way, one-way */
    int applied;
    const char *note;
};
typedef int (*tl_rep_clock_fn)(const struct tl_rep_clock *c, void *payload);
int tl_rep_clocks_each(struct tl_store *st, tl_rep_clock_fn fn,
                       void *payload, struct ftl_err *err);

/* The message groups in figures. */
struct tl_rep_groups {
    int64_t groups, crossed, in_window, flagged, corrected;
};
int tl_rep_groups_count(struct tl_store *st, struct tl_rep_groups *g,
                        struct ftl_err *err);

/* One person's exposure summary (exposure_summary), by person_id. */
struct tl_rep_person {
    int64_t person_id;
    const char *employee_no, *name;
    const char *emails;        /* from the register, ';'-separated */
    const char *categories;    /* sorted, one space apart */
    int art9, identity_document;
    const char *strongest;
    int64_t first_exposed, last_exposed;
    int has_first, has_last;
    int64_t exposures, items;
};
typedef int (*tl_rep_person_fn)(const struct tl_rep_person *p,
                                void *payload);
int tl_rep_persons_each(struct tl_store *st, tl_rep_person_fn fn,
                        void *payload, struct ftl_err *err);

/* One exposure row, by person_id then id. */
struct tl_rep_exposure {
    int64_t id, person_id;
    const char *employee_no, *name;
    const char *category;
    int art9;
    const char *channel, *confidence, *strength;
    int64_t first_exposed, last_exposed;
    int has_first, has_last;
    int64_t items;
    const char *event_ids;
    int corrected;
    const char *basis;
};
typedef int (*tl_rep_exposure_fn)(const struct tl_rep_exposure *x,
                                  void *payload);
int tl_rep_exposures_each(struct tl_store *st, tl_rep_exposure_fn fn,
                          void *payload, struct ftl_err *err);

/* Every list of event ids the analysis cites: a window bound, a warning,
 * an exposure, an exposure item.  'exposure_id' is the exposure the list
 * proves (an item's exposure), 0 for a bound or a warning. */
typedef int (*tl_rep_cite_fn)(int64_t exposure_id, const char *event_ids,
                              void *payload);
int tl_rep_citations_each(struct tl_store *st, tl_rep_cite_fn fn,
                          void *payload, struct ftl_err *err);

/* Regulator figures per category, without names ('*' is the total and
 * comes last). */
struct tl_rep_figure {
    const char *category;
    int art9, identity_document;
    int64_t data_subjects, records, subjects_weak_only;
};
typedef int (*tl_rep_figure_fn)(const struct tl_rep_figure *f,
                                void *payload);
int tl_rep_figures_each(struct tl_store *st, tl_rep_figure_fn fn,
                        void *payload, struct ftl_err *err);

/* One evidence item, by id. */
struct tl_rep_evidence {
    int64_t id, parent_id;
    const char *kind, *path, *inner_path;
    int64_t size;              /* -1 unknown */
    const char *sha256, *md5;
    int64_t collected_at;
    const char *status;
    int64_t n_events, n_files, n_warnings;
    const char *options, *tz;
    int year;                  /* 0: none assumed */
    const char *note;
    /* events of this item read in an assumed zone, with an estimated
     * year, at a DST fold or gap */
    int64_t n_tz_assumed, n_year_estimated, n_dst;
};
typedef int (*tl_rep_evidence_fn)(const struct tl_rep_evidence *e,
                                  void *payload);
/* assumptions 0: the n_tz_assumed ... counts are left 0, which spares a
 * pass over the events. */
int tl_rep_evidence_each(struct tl_store *st, int assumptions,
                         tl_rep_evidence_fn fn, void *payload,
                         struct ftl_err *err);

/* What the case holds, in figures. */
struct tl_rep_totals {
    int64_t events, first_ts, last_ts;   /* first/last: 0 when no event */
    int64_t evidence, messages, attachments, documents, persons;
    int64_t ioc_hits, warnings;
};
int tl_rep_totals(struct tl_store *st, struct tl_rep_totals *t,
                  struct ftl_err *err);

/* Events between from and to (inclusive) per UTC day and source, by day
 * then source.  'day' is days since 1970-01-01.  Counted in one walk
 * in time order (memory: one day's sources); a day with more than 16
 * sources is reported in several calls. */
typedef int (*tl_rep_day_fn)(int64_t day, const char *source, int64_t n,
                             void *payload);
int tl_rep_days_each(struct tl_store *st, int64_t from, int64_t to,
                     tl_rep_day_fn fn, void *payload, struct ftl_err *err);

/* One event of the timeline. */
struct tl_rep_event {
    int64_t id, ts;
    int prec;
    const char *ts_desc, *source, *artifact;
    int64_t evidence_id;
    const char *locator, *message, *raw_time, *tz;
    unsigned flags;
    const char *iocs;          /* the indicators matched, or NULL */
    int64_t person_id;         /* 0 none */
};
typedef int (*tl_rep_event_fn)(const struct tl_rep_event *e, void *payload);
/* Events between from and to (inclusive) in (ts, id) order, streamed. */
int tl_rep_events_each(struct tl_store *st, int64_t from, int64_t to,
                       tl_rep_event_fn fn, void *payload,
                       struct ftl_err *err);


/* Record a category rule an HR collection used ('category_rules': field
 * is "path", "name", "meta" or "text"; pattern as written; source says
 * which rules file), once: the same (category, field, pattern) again
 * adds nothing.  The analysis matches the rules of the case again on
 * attachment names and subjects. */
int tl_rule_add(struct tl_store *st, const char *category, int art9,
                const char *field, const char *pattern, const char *source,
                struct ftl_err *err);

/* ------------------------------------------------------------------ */
/* The exposure analysis' tables (timeline/exposure.c, exposure_rows.c) */
/* ------------------------------------------------------------------ */

/*
 * What analyze/exposure.c reads and writes, in the order it calls them.
 * tl_ex_begin() empties exposures, exposure_items, exposure_summary,
 * exposure_figures and the 'exposure-*' analysis_warnings, and makes the
 * step's working tables (TEMP, this connection only); tl_ex_end() drops
 * them.  Call both inside the analysis transaction.  The working tables
 * are described in timeline/exposure.c.
 */
int tl_ex_begin(struct tl_store *st, struct ftl_err *err);
void tl_ex_end(struct tl_store *st);

/* Strength of a link; "the weaker of two" is the smaller. */
enum tl_ex_strength { TL_EX_WEAK = 1, TL_EX_MEDIUM = 2, TL_EX_STRONG = 3 };
/* "weak", "medium" or "strong". */
const char *tl_ex_strength_name(int strength);

/* What counts: groups with crossed = 1 and in_window = 1 (confidence
 * observed when flagged, unknown without a transit time, else
 * accessible), the appliance images (disk evidence an indicator hit, or
 * holding a gateway-log or appliance-store record), the attachments of
 * the groups and those byte-identical to an appliance file, and each
 * HR document's best attribution per person and its categories. */
int tl_ex_select(struct tl_store *st, struct ftl_err *err);

/* Walks over what tl_ex_select() chose.  Each stops at and returns the
 * first non-zero return of fn; strings are valid during the call. */
typedef int (*tl_ex_name_fn)(int64_t id, const char *name, void *payload);
/* Chosen attachments (and archive members) with a file name: id, name. */
int tl_ex_attachments_each(struct tl_store *st, tl_ex_name_fn fn,
                           void *payload, struct ftl_err *err);
/* HR documents attributed to someone: id, path. */
int tl_ex_documents_each(struct tl_store *st, tl_ex_name_fn fn,
                         void *payload, struct ftl_err *err);
/* Appliance images none of whose files was hashed: evidence id, path. */
int tl_ex_unhashed_each(struct tl_store *st, tl_ex_name_fn fn,
                        void *payload, struct ftl_err *err);

/* Sender, recipients (';'-separated) and subject of a counted group, as
 * the group has them and as each of its records does (one call each,
 * src "group", id the group's), then of each message stored on the
 * appliance (src "message", id the messages row's).  Ordered by src and
 * id. */
struct tl_ex_msg {
    const char *src;
    int64_t id;
    const char *sender, *recipients, *subject;   /* NULL when unknown */
};
typedef int (*tl_ex_msg_fn)(const struct tl_ex_msg *m, void *payload);
int tl_ex_messages_each(struct tl_store *st, tl_ex_msg_fn fn, void *payload,
                        struct ftl_err *err);

/* The case's category rules for names and metadata (field "name" or
 * "meta"), in the order they were recorded. */
typedef int (*tl_ex_rule_fn)(const char *category, int art9,
                             const char *field, const char *pattern,
                             void *payload);
int tl_ex_rules_each(struct tl_store *st, tl_ex_rule_fn fn, void *payload,
                     struct ftl_err *err);
/* Rules of those fields in the case (0: weak links cannot be made). */
int tl_ex_count_rules(struct tl_store *st, int64_t *n, struct ftl_err *err);
/* Disk images in the case, and how many of them are appliance images. */
int tl_ex_count_disks(struct tl_store *st, int64_t *disks,
                      int64_t *appliances, struct ftl_err *err);

/* A hashed file of an appliance image whose SHA-256 is an HR document's,
 * an attachment's or a stored message's.  Times in ns, 0 = not set. */
struct tl_ex_file {
    int64_t id, evidence_id;
    const char *path;
    int64_t mtime, crtime, dtime;
    int deleted;
};
typedef int (*tl_ex_file_fn)(const struct tl_ex_file *f, void *payload);
int tl_ex_files_each(struct tl_store *st, tl_ex_file_fn fn, void *payload,
                     struct ftl_err *err);

/* What the walks found, put back.  The folded base name of an attachment
 * and of a document (the "same name" join); a file of an appliance image
 * inside the window with its exposure time (has_ts 0: unknown), its
 * confidence, which of its times that is, the staging indicator its
 * path matched (0 none), and whether its time was moved onto the
 * trusted clock (corrected). */
int tl_ex_attname_add(struct tl_store *st, int64_t att_id, const char *norm,
                      struct ftl_err *err);
int tl_ex_docname_add(struct tl_store *st, int64_t doc_id, const char *norm,
                      struct ftl_err *err);
int tl_ex_file_add(struct tl_store *st, int64_t file_id, int64_t ts,
                   int has_ts, const char *confidence, const char *time_desc,
                   int64_t ioc_id, int corrected, struct ftl_err *err);

/* A link made outside SQL: a name in an attachment's name or a subject
 * with a category rule (weak), or a register address on a message
 * (internal_communication, strong).  Strings borrowed for the call. */
struct tl_ex_link {
    const char *src;           /* "attachment", "group" or "message" */
    int64_t src_id;            /* attachments.id, message_groups.id or
                                  messages.id (a message stored on the
                                  appliance) */
    int64_t person_id;
    const char *category;
    int art9;
    int strength;              /* enum tl_ex_strength */
    const char *link;          /* "name-mention", "subject-mention",
                                  "address" */
    const char *field;         /* alias kind, or "sender" / "recipient" */
    const char *matched;       /* the alias or address that matched */
    const char *pattern;       /* the category rule's pattern, or NULL */
};
int tl_ex_link_add(struct tl_store *st, const struct tl_ex_link *l,
                   struct ftl_err *err);

/* The messages each appliance file inside the window holds whole (a
 * mail store's file on the image) and their attachments: call after the
 * files were put back, before the names are walked. */
int tl_ex_stored(struct tl_store *st, struct ftl_err *err);
/* Links through HR documents: attachments byte-identical to one
 * (strong) or with its folded file name but other content (medium), each
 * no stronger than the document's attribution of the person. */
int tl_ex_link_documents(struct tl_store *st, struct ftl_err *err);
/* Groups a whole stored copy of which lies in a staging place: observed. */
int tl_ex_mark_staged(struct tl_store *st, struct ftl_err *err);
/* The best link per person, category and item (message or file). */
int tl_ex_best(struct tl_store *st, struct ftl_err *err);

/* One best link, in the order of the rows it becomes (person, category,
 * channel, strength strongest first, confidence observed - accessible -
 * unknown, time, item), with what its sentences name.  Ids 0 and
 * strings NULL when they do not apply. */
struct tl_ex_best {
    int64_t person_id;
    const char *employee_no, *name;
    const char *category;
    int art9;
    const char *channel;       /* mail-transit, appliance-storage */
    int strength;              /* enum tl_ex_strength */
    const char *confidence;    /* observed, accessible, unknown */
    const char *kind;          /* message, file */
    int64_t group_id, file_id, doc_id, attachment_id;
    int64_t ts;                /* exposure time, when has_ts */
    int has_ts;
    int corrected;             /* the group's time was clock-corrected */
    const char *link;          /* sha256, member-sha256, file-name,
                                  name-mention, subject-mention, address,
                                  file-sha256, copy-<attachment link>,
                                  stored-<message or attachment link> */
    const char *attrib;        /* document attribution: id, name, surname */
    const char *field, *matched, *pattern;
    const char *filename;      /* the attachment's */
    const char *doc_path;
    const char *message_id;    /* the group's, or the stored message's */
    const char *file_path;
    const char *why;           /* group: flagged, staged */
    const char *time_desc;     /* file: which of its times ts is */
    const char *place;         /* file: the staging indicator it matched */
    const char *image;         /* file: its disk image */
    int64_t msg_id;            /* file: the stored message it holds */
};
typedef int (*tl_ex_best_fn)(const struct tl_ex_best *b, void *payload);
int tl_ex_best_each(struct tl_store *st, tl_ex_best_fn fn, void *payload,
                    struct ftl_err *err);

/* An exposures row: added when its first item comes (items 0), finished
 * when its last has gone (counts, times, basis).  first/last NULL when
 * !has_time. */
struct tl_exposure {
    int64_t person_id;
    const char *employee_no, *name, *category;
    int art9;
    const char *channel, *confidence, *strength;
    int64_t first, last;
    int has_time;
    int64_t items;
    int corrected;
    const char *basis;
};
int tl_ex_exposure_add(struct tl_store *st, const struct tl_exposure *e,
                       int64_t *id, struct ftl_err *err);
int tl_ex_exposure_finish(struct tl_store *st, int64_t id,
                          const struct tl_exposure *e, struct ftl_err *err);

/* An exposure_items row (event ids come later). */
struct tl_ex_item {
    int64_t exposure_id;
    const char *kind;          /* message, file */
    int64_t group_id, file_id, doc_id, attachment_id;   /* 0: none */
    int64_t ts;
    int has_ts;
    const char *strength;
    const char *reason;
};
int tl_ex_item_add(struct tl_store *st, const struct tl_ex_item *it,
                   struct ftl_err *err);

/* Every (exposure, item, event) proving an item, by item (an item's
 * events in no order), and setting the lists (exposure = 1: an
 * exposures row, 0: an item). */
typedef int (*tl_ex_event_fn)(int64_t exposure_id, int64_t item_id,
                              int64_t event_id, void *payload);
int tl_ex_events_each(struct tl_store *st, tl_ex_event_fn fn, void *payload,
                      struct ftl_err *err);
int tl_ex_events_set(struct tl_store *st, int exposure, int64_t id,
                     const char *event_ids, struct ftl_err *err);

/* exposure_summary from exposures (categories left empty), then each
 * person's categories in order to set them; exposure_figures. */
int tl_ex_summarise(struct tl_store *st, struct ftl_err *err);
typedef int (*tl_ex_category_fn)(int64_t person_id, const char *category,
                                 void *payload);
int tl_ex_categories_each(struct tl_store *st, tl_ex_category_fn fn,
                          void *payload, struct ftl_err *err);
int tl_ex_summary_categories(struct tl_store *st, int64_t person_id,
                             const char *categories, struct ftl_err *err);
int tl_ex_figures(struct tl_store *st, struct ftl_err *err);
/* Rows written: exposures, persons (exposure_summary) and the step's
 * warnings. */
int tl_ex_counts(struct tl_store *st, int64_t *exposures, int64_t *persons,
                 int64_t *warnings, struct ftl_err *err);

/* An analysis_warnings row of the step (kind "exposure-..."). */
int tl_ex_warn(struct tl_store *st, const char *kind, const char *message,
               struct ftl_err *err);

/* EXPLAIN QUERY PLAN of every fixed statement of the step (working
 * tables made): fn gets the statement's index and each plan row's id,
 * parent and detail, as SQLite prints them. */
typedef int (*tl_ex_plan_fn)(int stmt, int id, int parent,
                             const char *detail, void *payload);
int tl_ex_explain(struct tl_store *st, tl_ex_plan_fn fn, void *payload,
                  struct ftl_err *err);

/* ------------------------------------------------------------------ */
/* The analysis tables (timeline/analysis.c), for analyze/ only        */
/* ------------------------------------------------------------------ */

/* One analysis run is one transaction: begin, then commit or roll back
 * (also done by tl_store_close() when neither happened). */
int tl_an_begin(struct tl_store *st, struct ftl_err *err);
int tl_an_commit(struct tl_store *st, struct ftl_err *err);
void tl_an_rollback(struct tl_store *st);

/* Empty every schema v3 table but category_rules (the HR collector
 * writes that one) and clear TL_F_IOC_MESSAGE from every event. */
int tl_an_clear(struct tl_store *st, struct ftl_err *err);

/* An 'analysis' key/value row (replaced when the key is there). */
int tl_an_set(struct tl_store *st, const char *key, const char *value,
              struct ftl_err *err);

/* Highest messages.id, 0 when there is no message. */
int tl_an_message_max(struct tl_store *st, int64_t *max,
                      struct ftl_err *err);

/* A messages row as the grouping needs it.  Strings are valid during
 * the callback only. */
struct tl_an_msg {
    int64_t id, evidence_id;
    const char *origin;        /* "log" or "store" */
    const char *host;          /* may be NULL */
    int64_t first_seen, last_seen;   /* 0 unknown */
    int gateway;               /* 1: a Barracuda transaction (gateway_id) */
    int in_disk;               /* 1: its evidence lies inside a disk image */
    int64_t hop;               /* store: time of the topmost Received: */
    int has_hop;
};
/* The walks below stop at the callback's first non-zero return, which
 * they return. */
typedef int (*tl_an_msg_fn)(const struct tl_an_msg *m, void *payload);
/* Every message, by id; without 'full', in_disk and hop are not read
 * (0). */
int tl_an_messages_each(struct tl_store *st, int full, tl_an_msg_fn fn,
                        void *payload, struct ftl_err *err);

enum tl_an_key_kind {
    TL_AN_KEY_MID,             /* k1 = Message-ID, trimmed of "<> " */
    TL_AN_KEY_GATEWAY,         /* k1 = gateway id, k2 = host ("" none) */
};
typedef int (*tl_an_key_fn)(const char *k1, const char *k2, int64_t msg_id,
                            void *payload);
/* (key, message) pairs ordered by key then message id: equal keys come
 * one after the other. */
int tl_an_message_keys(struct tl_store *st, int kind, tl_an_key_fn fn,
                       void *payload, struct ftl_err *err);

/* Pairs of messages a "queued as" joins: msg_id handed the message on
 * as a queue id, and other_msg_id is the row the collector linked, else
 * the log row of that queue id whose first time lies within 'within' ns
 * of msg_id's last, the nearest in time (then the lowest id), else the
 * first row of that Barracuda id.  Links that find no row are left out;
 * the order is SQLite's. */
typedef int (*tl_an_pair_fn)(int64_t msg_id, int64_t other_msg_id,
                             void *payload);
int tl_an_queued_as_each(struct tl_store *st, int64_t within,
                         tl_an_pair_fn fn, void *payload,
                         struct ftl_err *err);

typedef int (*tl_an_id_fn)(int64_t id, void *payload);
/* Ids of the messages an indicator matched: the row's TL_F_IOC, a hit
 * on it or on one of its attachments, or a TL_F_IOC event of it;
 * ascending, each once. */
int tl_an_flagged_messages_each(struct tl_store *st, tl_an_id_fn fn,
                                void *payload, struct ftl_err *err);

/* A message_group_members row. */
struct tl_an_member {
    int64_t group_id, msg_id;
    const char *role;          /* gateway-log, server-log, store,
                                  appliance-store */
    const char *host;
    int64_t ts;                /* the record's time on its host's clock */
    int has_ts;
    const char *linked_by;     /* "message-id queued-as", or NULL */
};
int tl_an_member_add(struct tl_store *st, const struct tl_an_member *m,
                     struct ftl_err *err);

/* A member with what its message row says, or (with_group) with its
 * group's direction instead. */
struct tl_an_member_row {
    struct tl_an_member m;
    const char *origin;        /* these five NULL with_group */
    const char *message_id;    /* trimmed as TL_AN_KEY_MID */
    const char *sender, *recipients, *subject;
    const char *direction;     /* NULL without with_group */
};
typedef int (*tl_an_member_fn)(const struct tl_an_member_row *r,
                               void *payload);
/* Every member, by group then message id. */
int tl_an_members_each(struct tl_store *st, int with_group,
                       tl_an_member_fn fn, void *payload,
                       struct ftl_err *err);

/* A message_groups row; transit_raw is written equal to transit. */
struct tl_an_group {
    int64_t id;
    const char *message_id, *sender, *recipients, *subject, *direction;
    int crossed, flagged;
    int64_t transit;
    int has_transit;
    const char *transit_host;
    int64_t n_records;
    const char *note;
};
int tl_an_group_add(struct tl_store *st, const struct tl_an_group *g,
                    struct ftl_err *err);

/* TL_F_IOC_MESSAGE on every event of a message of a flagged group;
 * *n the events changed. */
int tl_an_flag_events(struct tl_store *st, int64_t *n, struct ftl_err *err);

/* A clock_offsets row; *id (may be NULL) its id. */
struct tl_an_clock {
    const char *host_a, *host_b;
    double offset_seconds;     /* how far host_a is ahead of host_b */
    double spread_seconds;
    int64_t pairs;
    const char *method;        /* "two-way" or "one-way" */
    const char *note;
};
int tl_an_clock_add(struct tl_store *st, const struct tl_an_clock *c,
                    int64_t *id, struct ftl_err *err);
/* Mark clock_offsets row 'id' as used to correct times. */
int tl_an_clock_applied(struct tl_store *st, int64_t id, struct ftl_err *err);
/* Every group whose transit was read on 'host': transit = transit_raw -
 * shift, corrected = 1, 'note' appended; *n the groups changed. */
int tl_an_transit_correct(struct tl_store *st, const char *host,
                          int64_t shift, const char *note, int64_t *n,
                          struct ftl_err *err);

/* An event that dates indicator activity (TL_F_IOC or TL_F_IOC_MESSAGE,
 * and a time that says when something was made, changed, received or
 * logged: see analysis.c). */
struct tl_an_ievent {
    int64_t id, ts, msg_id, file_id;
    const char *source, *ts_desc;
    const char *host;          /* of its message, NULL when none */
};
typedef int (*tl_an_ievent_fn)(const struct tl_an_ievent *e, void *payload);
/* Those events, by id. */
int tl_an_indicator_events_each(struct tl_store *st, tl_an_ievent_fn fn,
                                void *payload, struct ftl_err *err);

/* One analysis_window row ('start' or 'end'); has_ts 0 writes NULL. */
int tl_an_window_set(struct tl_store *st, const char *bound, int64_t ts,
                     int has_ts, const char *origin, const char *reason,
                     const char *event_ids, struct ftl_err *err);
/* One analysis_warnings row. */
int tl_an_warning_add(struct tl_store *st, const char *kind,
                      const char *message, const char *event_ids,
                      struct ftl_err *err);
/* in_window = 1 for the groups whose transit lies in [from, to]. */
int tl_an_groups_window(struct tl_store *st, int64_t from, int64_t to,
                        struct ftl_err *err);

/* The analysis_warnings rows in order: kind and message. */
typedef int (*tl_an_warning_fn)(const char *kind, const char *message,
                                void *payload);
int tl_an_warnings_each(struct tl_store *st, tl_an_warning_fn fn,
                        void *payload, struct ftl_err *err);

/* What the analysis tables hold, for the command's summary. */
struct tl_an_counts {
    int64_t groups, crossed, in_window, flagged;
    int64_t clocks, warnings, exposures, persons;
};
int tl_an_counts_get(struct tl_store *st, struct tl_an_counts *c,
                     struct ftl_err *err);

/* ------------------------------------------------------------------ */
/* Merging cases (timeline/merge.c)                                    */
/* ------------------------------------------------------------------ */

/* What one source case gave the target. */
struct tl_merge_stats {
    int64_t evidence;          /* items new to the target, copied */
    int64_t known;             /* items the target had: places only */
    int64_t conflicts;         /* items the target had otherwise read */
    int64_t skipped;           /* items found inside a conflicting one */
    int64_t records;           /* rows of replaced items, kept */
    int64_t places, files, messages, attachments, persons, documents;
    int64_t events, warnings, hits;
    int64_t audit;             /* audit rows copied */
    int analysis_dropped;      /* the target's analysis was emptied */
};

/* An item of the source that the target holds with other options, or
 * only in part: not merged.  Strings are borrowed for the call. */
struct tl_merge_conflict {
    const char *source;        /* the source case as given */
    const char *kind, *sha256, *path, *inner_path;
    int64_t source_id, target_id;
    const char *source_given, *target_given;   /* NULL: not recorded */
    const char *source_status, *target_status;
};
typedef void (*tl_merge_conflict_fn)(const struct tl_merge_conflict *c,
                                     void *payload);

/* Merge the case file 'source' (opened read-only, never written; of the
 * current schema, else FTL_ESCHEMA naming it and its version) into the
 * open, writable case 'st', in one transaction: evidence by content, an
 * item the target has adds its places only, a new one is copied with
 * every row that hangs off it, ids remapped; persons with the same
 * fields are one; every audit row of the source is kept with a note
 * naming it.  Each conflict is told to fn (may be NULL) and not merged.
 * When anything was added, the analysis tables are emptied (*n says
 * whether there was an analysis).  On failure nothing of this source is
 * in the target. */
int tl_merge_case(struct tl_store *st, const char *source,
                  tl_merge_conflict_fn fn, void *payload,
                  struct tl_merge_stats *n, struct ftl_err *err);

/* ------------------------------------------------------------------ */
/* Verifications (timeline/verify.c)                                   */
/* ------------------------------------------------------------------ */

/* One place of an evidence item to read again: every place of every
 * item that no other replaced, items in id order, each item's own
 * (first) place first.  Strings are borrowed for the call. */
struct tl_verify_place {
    int64_t evidence_id;
    int64_t place_id;          /* evidence_places.id; 0 in a case of
                                  schema 3, whose rows are their place */
    const char *kind;
    const char *sha256;        /* recorded; NULL when none was */
    const char *status;        /* the item's: complete, partial, ... */
    const char *path;          /* as given, or the parent's */
    const char *real_path;     /* absolute; "" inside a parent or not
                                  known */
    const char *inner_path;    /* "" for a place on its own */
    int64_t parent_id;         /* 0 for a place on its own */
};
typedef int (*tl_verify_place_fn)(const struct tl_verify_place *p,
                                  void *arg);
/* Call fn for every place to verify; a non-zero return of fn stops the
 * walk and is returned.  fn may read the store meanwhile (and write to
 * the verification tables). */
int tl_verify_places_each(struct tl_store *st, tl_verify_place_fn fn,
                          void *arg, struct ftl_err *err);
/* The same for the places of evidence 'id' only (the parent of a
 * child, to read the child through). */
int tl_verify_item_places(struct tl_store *st, int64_t id,
                          tl_verify_place_fn fn, void *arg,
                          struct ftl_err *err);

/* What one run found, place by place. */
enum tl_verify_status {
    TL_VERIFY_OK,              /* the same SHA-256 as recorded */
    TL_VERIFY_CHANGED,         /* another SHA-256 */
    TL_VERIFY_MISSING,         /* nothing at that place */
    TL_VERIFY_UNREADABLE,      /* there, but it could not be read (or
                                  nothing was recorded to compare with) */
};
/* "ok", "CHANGED", "missing", "unreadable". */
const char *tl_verify_word(int status);

struct tl_verify_counts {
    int64_t items, places;
    int64_t n[4];              /* by enum tl_verify_status */
};

/* One place's result, for tl_verify_add(). */
struct tl_verify_result {
    const struct tl_verify_place *p;
    const char *place;         /* as shown: path, or IMAGE//inner */
    int status;
    const char *seen;          /* SHA-256 read, NULL when none */
    const char *note;          /* why, NULL when ok */
};

/* Begin recording a run (a savepoint, and its row with 'audit_id' and
 * the time now): *id is the verifications row.  Everything until
 * tl_verify_end() is kept or dropped together. */
int tl_verify_begin(struct tl_store *st, int64_t audit_id, int64_t *id,
                    struct ftl_err *err);
int tl_verify_add(struct tl_store *st, int64_t id,
                  const struct tl_verify_result *r, struct ftl_err *err);
/* Close run 'id' with its counts and result (failed when a place was
 * not ok); 'keep' 0 drops what it recorded. */
int tl_verify_end(struct tl_store *st, int64_t id,
                  const struct tl_verify_counts *c, int keep,
                  struct ftl_err *err);

/* The last finished run: FTL_OK and *out filled, FTL_DONE when the case
 * holds none (or is of a schema before verifications). */
struct tl_verify_run {
    int64_t id, audit_id;
    int64_t started, ended;    /* ns */
    int ok;                    /* every place was ok */
    struct tl_verify_counts c;
};
int tl_verify_last(struct tl_store *st, struct tl_verify_run *out,
                   struct ftl_err *err);

#endif

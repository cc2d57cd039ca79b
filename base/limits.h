/*
 * base/limits.h - the size caps of ftl, each with why it is that size
 *
 * Evidence is hostile and hand-made files are sometimes the wrong file:
 * every reader that grows memory with its input stops at a cap and says
 * so, naming the line or the file, rather than taking all memory or
 * cutting silently.  The caps are gathered here so that they can be read
 * (and reviewed) together; each module passes its own to the base reader
 * or buffer it uses (base/csv.h, base/buf.h).
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef FTL_BASE_LIMITS_H
#define FTL_BASE_LIMITS_H

/* ---- CSV registers and category rules (collectors/hr) --------------- */

/* One physical line of a register or rules file.  A register row is a
 * few hundred bytes; a line of a megabyte is a binary file read as CSV,
 * which should fail at once and not be held in memory. */
#define FTL_LIMIT_CSV_LINE (1 << 20)
/* One record, all its lines: the same reasoning, for a quoted field that
 * goes on over many lines. */
#define FTL_LIMIT_CSV_RECORD (1 << 20)
/* Lines one quoted record may span: a cell of notes has a few; a
 * thousand means a stray quote opened a field that never closes. */
#define FTL_LIMIT_CSV_RECORD_LINES 1000

/* ---- indicator packs (timeline/iocs_load.c, iocs_hits.c) ------------ */

/* A pack is hand-made data, not evidence: the default pack is a few
 * hundred rows (about 40 KB), and a pack of 16 MiB is a mistake (a disk
 * image given as a pack), refused before it is read into memory. */
#define FTL_LIMIT_IOC_PACK (16u << 20)
/* One indicator value: the longest in practice are regular expressions
 * and paths of a few hundred bytes; 4096 is PATH_MAX on Linux. */
#define FTL_LIMIT_IOC_VALUE 4096
/* Columns of one pack row: ftl reads five, and a pack may carry its own
 * (confidence, reference ...); more than 64 is not a pack. */
#define FTL_LIMIT_IOC_FIELDS 64
/* Bytes of a value quoted in a hit's sentence: the sentence is read by a
 * person, the full value has its own column. */
#define FTL_LIMIT_IOC_SHOW 240

#endif

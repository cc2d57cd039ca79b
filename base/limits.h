/*
 * base/limits.h - the size caps of ftl, each with why it is that size
 *
 * Evidence is hostile and hand-made files are sometimes the wrong file:
 * every reader that grows memory with its input stops at a cap and says
 * so, naming the line or the file, rather than taking all memory or
 * cutting silently.  The caps are gathered here so that they can be read
 * (and reviewed) together; each module passes its own to the base reader
 * or buffer it uses (base/csv.h, base/buf.h), or names it under a short
 * local name next to the code that enforces it.
 *
 * Here are the numbers that input can reach: sizes, counts and depths.
 * Read sizes (a 64 KiB block), progress rates and table sizes that follow
 * from a cap stay with their code: changing them changes speed, not what
 * is read.
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

/* ---- body files (collectors/bodyfile.c) ---------------------------- */

/* One body line: fls prints a path and ten short fields.  A path is at
 * most 4096 bytes on Linux (PATH_MAX) and 32,767 UTF-16 units on Windows,
 * under 100 KB as UTF-8; a line of a megabyte is not a body line, and is
 * skipped with a warning. */
#define FTL_LIMIT_BODY_LINE (1 << 20)

/* ---- disk images (collectors/disk/) --------------------------------- */

/* Entries that print alike (two deleted names of one inode in one
 * directory) get " #N" on their locator, N the next number of the walk.
 * One more try is one more insert; a hundred in a row happen only in a
 * crafted image, whose entry is then skipped with a warning. */
#define FTL_LIMIT_LOCATOR_TRIES 100

/* ---- mail logs (collectors/maillog/) -------------------------------- */

/* One log line.  RFC 3164 syslog lines are at most 1024 bytes and RFC
 * 5424 receivers are asked to take 2048; 64 KiB holds any real line with
 * room to spare, and a longer one (binary data, a missing newline) is
 * read up to here and warned. */
#define FTL_LIMIT_LOG_LINE 65536
/* Transactions open at once, and the memory they may take.  They stay
 * open until their end line; a log whose end lines are missing (cut by
 * rotation, a crash) would keep every one.  Past either cap the one idle
 * the longest is written early, warned and counted (written_early), so
 * memory stays bounded whatever the log.  65,536 is far more than a mail
 * queue holds at once; the bytes keep a crafted log of huge lines from
 * reaching the count first. */
#define FTL_LIMIT_LOG_OPEN 65536
#define FTL_LIMIT_LOG_OPEN_BYTES (24 << 20)
/* Bytes of the recipient list of one 'messages' row: postfix accepts 1000
 * recipients a message by default (smtpd_recipient_limit), and 16 KiB
 * holds several hundred addresses; past it the row says how many more
 * there were, and each delivery line's event still names its own. */
#define FTL_LIMIT_LOG_RCPTS 16384
/* Unreadable lines warned one by one; the rest are one warning with
 * their range, so that a binary file does not put 100,000 rows in
 * 'warnings'. */
#define FTL_LIMIT_LOG_WARN_LINES 200
/* Lines out of sequence per file that keep the year of the lines around
 * them (a relay's late line, a wrong clock); past this many the plain
 * year roll-over applies, the same in both passes.  Real logs have a
 * handful; thousands mean the order is not time. */
#define FTL_LIMIT_LOG_STRAYS 4096

/* ---- personnel registers (collectors/hr/staff.c) -------------------- */

/* Columns of a register read per row: an HR export has a few dozen, and
 * a fixed bound keeps the per-row arrays on the stack.  Columns past it
 * are not read. */
#define FTL_LIMIT_REGISTER_COLUMNS 256

/* ---- HR documents (collectors/hr/) ---------------------------------- */

/* A document is read whole into memory up to this size and parsed from
 * there; CVs, scans and payslips are a few MiB.  A larger file is hashed
 * streaming and typed from its first bytes only. */
#define FTL_LIMIT_HR_DOC (64LL << 20)
/* Bytes of a path inside a store: PATH_MAX on Linux. */
#define FTL_LIMIT_HR_PATH 4096
/* Folder depth walked in a store: a share is a few dozen levels deep;
 * the bound keeps the recursion's stack small. */
#define FTL_LIMIT_HR_DEPTH 256
/* Bytes of a metadata value kept (title, author): real ones are a line,
 * and a value is shown in one cell. */
#define FTL_LIMIT_HR_META 1024
/* Folded body text searched per document: about a thousand pages of
 * prose, more than any HR document; matching time stays bounded. */
#define FTL_LIMIT_HR_TEXT (2 << 20)
/* The text around a category match kept for the report, and the
 * attribution sentence: both are read by a person in one cell. */
#define FTL_LIMIT_HR_MATCHED 80
#define FTL_LIMIT_HR_ATTRIBUTION 4000
/* Zip parts of an office document are inflated under caps, against zip
 * bombs (DEFLATE reaches about 1000:1): one part at most 16 MiB; a whole
 * document at most 100 times its own size, but at least 4 MiB (a small
 * document with much XML) and at most 64 MiB; and 10,000 members, where
 * an office document has a few dozen.  A cap reached is a warning. */
#define FTL_LIMIT_HR_PART (16LL << 20)
#define FTL_LIMIT_HR_RATIO 100
#define FTL_LIMIT_HR_RATIO_FLOOR (4LL << 20)
#define FTL_LIMIT_HR_INFLATE (64LL << 20)
#define FTL_LIMIT_HR_MEMBERS 10000
/* Bytes of member names searched in a plain zip (not an office
 * document): the names of a few thousand members. */
#define FTL_LIMIT_HR_ZIP_NAMES (64 << 10)

/* ---- mail stores (collectors/mailbox/) ------------------------------ */

/* Folders nested below a path given to 'collect mailbox': a maildir tree
 * is three or four deep; 64 is past any mail client's layout and stops a
 * loop of bind mounts or a hostile tree long before the stack suffers. */
#define FTL_LIMIT_MAIL_DIR_DEPTH 64
/* Received: headers read per message: a message crosses a dozen hops at
 * most (RFC 5321 section 6.3 lets a relay refuse past 100); a thousand
 * are a loop or a forgery, kept to this many and said. */
#define FTL_LIMIT_MAIL_HOPS 256
/* MIME parts nested in each other: real mail nests three or four deep
 * (a forward of a signed message); 64 stops a crafted nesting bomb while
 * GMime still parses every level it reaches. */
#define FTL_LIMIT_MAIL_MIME_DEPTH 64
/* Offsets of NUL bytes remembered between queries of one stream, and the
 * most a peek at the start of a stream returns: a format is told from
 * its first kilobytes, and a stream of NULs is reported by its first ones. */
#define FTL_LIMIT_MAIL_NULS 4096
#define FTL_LIMIT_MAIL_PEEK 4096
/* Warnings kept per item before they are counted only: a broken mbox of
 * a million bad lines says the first 64 (runs of lines as one) and how
 * many more. */
#define FTL_LIMIT_MAIL_WARNINGS 64
/* Longest header text stored (subject, addresses): a real subject is a
 * line; 64 KiB keeps a hostile one readable in every export and bounded. */
#define FTL_LIMIT_MAIL_TEXT (64 * 1024)

#endif

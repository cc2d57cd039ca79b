/*
 * ftl.h - the version of ftl, the forensic timeline builder
 *
 * The error type every module fills lives in base/base.h, which this
 * header includes for the front and the commands.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef FTL_H
#define FTL_H

#include "base/base.h"

#endif

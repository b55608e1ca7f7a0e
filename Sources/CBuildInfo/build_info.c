#include "CBuildInfo.h"

#ifndef GCPCTL_BUILD_COMMIT
#define GCPCTL_BUILD_COMMIT ""
#endif

#ifndef GCPCTL_BUILD_DATE
#define GCPCTL_BUILD_DATE ""
#endif

const char *cbuildinfo_commit(void) { return GCPCTL_BUILD_COMMIT; }

const char *cbuildinfo_date(void) { return GCPCTL_BUILD_DATE; }

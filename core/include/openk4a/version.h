/* openk4a library version. */
#ifndef OPENK4A_VERSION_H_
#define OPENK4A_VERSION_H_

#ifdef __cplusplus
extern "C"
{
#endif

#include <k4a/k4aversion.h>

/* One version for everything openk4a ships (library, SONAME, k4a.pc, CMake
 * package, .deb, programs): the k4a API version of core/spec/api.toml, which
 * libk4a.so.1.4 implements. */
#define OPENK4A_VERSION_MAJOR K4A_VERSION_MAJOR
#define OPENK4A_VERSION_MINOR K4A_VERSION_MINOR
#define OPENK4A_VERSION_PATCH K4A_VERSION_PATCH

    /* The library's version as "MAJOR.MINOR.PATCH" (static storage, never NULL). */
    const char *openk4a_version_string(void);

#ifdef __cplusplus
}
#endif

#endif /* OPENK4A_VERSION_H_ */

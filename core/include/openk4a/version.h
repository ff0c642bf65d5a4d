/* openk4a library version. */
#ifndef OPENK4A_VERSION_H_
#define OPENK4A_VERSION_H_

#ifdef __cplusplus
extern "C" {
#endif

#define OPENK4A_VERSION_MAJOR 0
#define OPENK4A_VERSION_MINOR 1
#define OPENK4A_VERSION_PATCH 0

/* The library's version as "MAJOR.MINOR.PATCH" (static storage, never NULL). */
const char *openk4a_version_string(void);

#ifdef __cplusplus
}
#endif

#endif /* OPENK4A_VERSION_H_ */

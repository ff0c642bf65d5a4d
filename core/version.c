#include "openk4a/version.h"

#define OPENK4A_STR2(x) #x
#define OPENK4A_STR(x) OPENK4A_STR2(x)

const char *openk4a_version_string(void)
{
    return OPENK4A_STR(OPENK4A_VERSION_MAJOR) "." OPENK4A_STR(OPENK4A_VERSION_MINOR) "." OPENK4A_STR(
        OPENK4A_VERSION_PATCH);
}

/* Prints what this openk4a build is. */
#include <stdio.h>

#include "openk4a/version.h"

int main(void)
{
    printf("openk4a %s\n", openk4a_version_string());
    return 0;
}

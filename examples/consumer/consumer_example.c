/* A program outside the openk4a workspace, built against its public targets. */
#include <stdio.h>

#include "openk4a/version.h"

int main(void)
{
    printf("consumer example linked against openk4a %s\n", openk4a_version_string());
    return 0;
}

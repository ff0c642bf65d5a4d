/* k4a API version.
 * generated from core/spec/api.toml by tools/codegen/api_gen.py; do not edit */
#ifndef K4A_K4AVERSION_H_
#define K4A_K4AVERSION_H_

/** The k4a API version this library is source compatible with. */
#define K4A_VERSION_MAJOR 1
#define K4A_VERSION_MINOR 4
#define K4A_VERSION_PATCH 0
#define K4A_VERSION_PRERELEASE ""
#define K4A_VERSION_BUILD_METADATA ""
#define K4A_VERSION_STR "1.4.0"

#endif /* K4A_K4AVERSION_H_ */

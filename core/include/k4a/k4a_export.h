/* Export and deprecation macros (the names of the SDK's k4a_export.h).
 * generated from core/spec/api.toml by tools/codegen/api_gen.py; do not edit */
#ifndef K4A_K4A_EXPORT_H_
#define K4A_K4A_EXPORT_H_

#ifndef K4A_EXPORT
#if defined(__GNUC__)
#define K4A_EXPORT __attribute__((visibility("default")))
#else
#define K4A_EXPORT
#endif
#endif
#ifndef K4A_DEPRECATED_EXPORT
#if defined(__GNUC__) && !defined(OPENK4A_NO_DEPRECATION_WARNINGS)
#define K4A_DEPRECATED_EXPORT K4A_EXPORT __attribute__((deprecated))
#else
#define K4A_DEPRECATED_EXPORT K4A_EXPORT
#endif
#endif
#ifndef K4A_NO_EXPORT
#if defined(__GNUC__)
#define K4A_NO_EXPORT __attribute__((visibility("hidden")))
#else
#define K4A_NO_EXPORT
#endif
#endif
#ifndef K4A_DEPRECATED
#if defined(__GNUC__)
#define K4A_DEPRECATED __attribute__((__deprecated__))
#else
#define K4A_DEPRECATED
#endif
#endif
#ifndef K4A_DEPRECATED_NO_EXPORT
#define K4A_DEPRECATED_NO_EXPORT K4A_NO_EXPORT K4A_DEPRECATED
#endif

#endif /* K4A_K4A_EXPORT_H_ */

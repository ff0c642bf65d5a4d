// The cold half of openk4a::Capture.
#include "openk4a/cxx/capture.h"

#include "absl/status/status.h"

namespace openk4a
{
namespace internal
{

absl::Status CaptureCreateError()
{
    return absl::ResourceExhaustedError("Capture::Create: out of memory");
}

} // namespace internal
} // namespace openk4a

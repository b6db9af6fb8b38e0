// ApiVersions (key 18), v0-v3: the versions of every API served. v3 (flexible) adds the
// client's software name and version to the request; its response still uses header v0.
#include "protocol/apis.h"

namespace kl::proto {

Status handleApiVersions(const RequestHeader &header, Reader &in, Writer &out, const RequestContext &, Answer &)
{
    if (header.apiVersion >= 3) {
        in.string("client_software_name");
        in.string("client_software_version");
        in.skipTags("tagged fields");
        if (!in.ok())
            return in.status("request body");
    }
    out.i16(0); // error_code
    const auto &apis = servedApis();
    out.arrayCount(apis.size());
    for (const ApiSpec &api : apis) {
        out.i16(static_cast<int16_t>(api.key));
        out.i16(api.minVersion);
        out.i16(api.maxVersion);
        out.tags();
    }
    if (header.apiVersion >= 1)
        out.i32(0); // throttle_time_ms
    out.tags();     // no supported or finalized features
    return Status::ok();
}

} // namespace kl::proto

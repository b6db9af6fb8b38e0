// libFuzzer target: the cluster metadata loader (cluster-metadata.json of a data directory).
// Any file content gives metadata or an error naming the file; nothing throws or crashes.
#include "cluster/metadata_store.h"
#include "fuzz_file_readers.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const auto &dir = kl::fuzz::scratchDir();
    kl::fuzz::writeFile(dir / kl::kMetadataFileName, data, size);
    (void)kl::loadClusterMetadata(dir);
    return 0;
}

// The file a recording is written to, as libebml's IOCallback.
#ifndef OPENK4A_CORE_RECORD_RECORD_FILE_IO_H_
#define OPENK4A_CORE_RECORD_RECORD_FILE_IO_H_

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <string>

#include <ebml/IOCallback.h>

namespace ok4a::record
{

// A file for libebml that never throws: the first error is kept and every
// later call does nothing, so a full disk fails the recording cleanly.
class FileIo : public libebml::IOCallback
{
public:
    bool Open(const char *path)
    {
        file_ = std::fopen(path, "wb");
        if (file_ == nullptr)
            error_ = std::string("cannot create: ") + std::strerror(errno);
        return file_ != nullptr;
    }
    ~FileIo() override
    {
        close();
    }

    uint32 read(void *, size_t) override
    {
        return 0;
    }
    void setFilePointer(int64 offset, libebml::seek_mode mode = libebml::seek_beginning) override
    {
        if (file_ != nullptr && error_.empty() &&
            fseeko(file_, offset,
                   mode == libebml::seek_beginning ? SEEK_SET :
                   mode == libebml::seek_current   ? SEEK_CUR :
                                                     SEEK_END) != 0)
            error_ = std::string("seek failed: ") + std::strerror(errno);
    }
    size_t write(const void *buffer, size_t size) override
    {
        if (file_ == nullptr || !error_.empty())
            return size; // pretend, so libebml does not throw; the error is reported by the caller
        if (std::fwrite(buffer, 1, size, file_) != size)
            error_ = std::string("write failed: ") + std::strerror(errno);
        return size;
    }
    uint64 getFilePointer() override
    {
        if (file_ == nullptr)
            return 0;
        const off_t at = ftello(file_);
        return at < 0 ? 0 : static_cast<uint64>(at);
    }
    void close() override
    {
        if (file_ != nullptr)
        {
            if (std::fclose(file_) != 0 && error_.empty())
                error_ = std::string("close failed: ") + std::strerror(errno);
            file_ = nullptr;
        }
    }
    bool Flush()
    {
        if (file_ != nullptr && std::fflush(file_) != 0 && error_.empty())
            error_ = std::string("flush failed: ") + std::strerror(errno);
        return error_.empty();
    }
    const std::string &error() const
    {
        return error_;
    }

private:
    std::FILE *file_ = nullptr;
    std::string error_;
};

} // namespace ok4a::record

#endif // OPENK4A_CORE_RECORD_RECORD_FILE_IO_H_

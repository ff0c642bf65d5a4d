// A small JSON emitter for the --json summaries (objects, arrays, strings,
// numbers, booleans, null), indented two spaces.
#ifndef OPENK4A_TOOLS_STREAM_JSON_WRITER_H_
#define OPENK4A_TOOLS_STREAM_JSON_WRITER_H_

#include <stdint.h>

#include <string>
#include <vector>

namespace openk4a::stream
{

class JsonWriter
{
public:
    JsonWriter &BeginObject();
    JsonWriter &EndObject();
    JsonWriter &BeginArray();
    JsonWriter &EndArray();
    // In an object: the next value's name.
    JsonWriter &Key(const std::string &key);
    JsonWriter &String(const std::string &value);
    JsonWriter &Number(double value); // non-finite values become null
    JsonWriter &Integer(uint64_t value);
    JsonWriter &Signed(int64_t value);
    JsonWriter &Bool(bool value);
    JsonWriter &Null();

    // The document, ending in a newline once the outermost value is closed.
    const std::string &text() const
    {
        return out_;
    }

private:
    void BeforeValue();
    void Raw(const std::string &token);
    void Indent();
    std::string out_;
    std::vector<bool> first_; // per open container: no member written yet
    bool after_key_ = false;
};

std::string JsonQuote(const std::string &value);

} // namespace openk4a::stream

#endif // OPENK4A_TOOLS_STREAM_JSON_WRITER_H_

#include "tools/stream/json_writer.h"

#include <math.h>
#include <stdio.h>

namespace openk4a::stream
{

std::string JsonQuote(const std::string &value)
{
    std::string out = "\"";
    for (unsigned char c : value)
    {
        switch (c)
        {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\r':
            out += "\\r";
            break;
        case '\t':
            out += "\\t";
            break;
        default:
            if (c < 0x20 || c == 0x7f)
            {
                char escaped[8];
                snprintf(escaped, sizeof escaped, "\\u%04x", c);
                out += escaped;
            }
            else
            {
                out += static_cast<char>(c); // UTF-8 passes through
            }
        }
    }
    return out + "\"";
}

void JsonWriter::Indent()
{
    out_ += '\n';
    out_.append(2 * first_.size(), ' ');
}

void JsonWriter::BeforeValue()
{
    if (after_key_)
    {
        after_key_ = false;
        return;
    }
    if (!first_.empty())
    {
        if (!first_.back())
            out_ += ',';
        first_.back() = false;
        Indent();
    }
}

void JsonWriter::Raw(const std::string &token)
{
    BeforeValue();
    out_ += token;
    if (first_.empty())
        out_ += '\n';
}

JsonWriter &JsonWriter::BeginObject()
{
    BeforeValue();
    out_ += '{';
    first_.push_back(true);
    return *this;
}

JsonWriter &JsonWriter::EndObject()
{
    const bool empty = first_.back();
    first_.pop_back();
    if (!empty)
        Indent();
    out_ += '}';
    if (first_.empty())
        out_ += '\n';
    return *this;
}

JsonWriter &JsonWriter::BeginArray()
{
    BeforeValue();
    out_ += '[';
    first_.push_back(true);
    return *this;
}

JsonWriter &JsonWriter::EndArray()
{
    const bool empty = first_.back();
    first_.pop_back();
    if (!empty)
        Indent();
    out_ += ']';
    if (first_.empty())
        out_ += '\n';
    return *this;
}

JsonWriter &JsonWriter::Key(const std::string &key)
{
    BeforeValue();
    out_ += JsonQuote(key) + ": ";
    after_key_ = true;
    return *this;
}

JsonWriter &JsonWriter::String(const std::string &value)
{
    Raw(JsonQuote(value));
    return *this;
}

JsonWriter &JsonWriter::Number(double value)
{
    if (!isfinite(value))
        return Null();
    char text[32];
    snprintf(text, sizeof text, "%.6g", value);
    Raw(text);
    return *this;
}

JsonWriter &JsonWriter::Integer(uint64_t value)
{
    Raw(std::to_string(value));
    return *this;
}

JsonWriter &JsonWriter::Signed(int64_t value)
{
    Raw(std::to_string(value));
    return *this;
}

JsonWriter &JsonWriter::Bool(bool value)
{
    Raw(value ? "true" : "false");
    return *this;
}

JsonWriter &JsonWriter::Null()
{
    Raw("null");
    return *this;
}

} // namespace openk4a::stream

// What Image::FromOwner() accepts as a buffer owner: any movable object that
// exposes contiguous, writable, trivially copyable elements through
// std::data() / std::size() (std::vector<uint8_t>, std::vector<uint16_t>,
// std::string, std::array, or your own pool slot with data() and size()).
//
// The owner is moved into the image and destroyed exactly once, when the last
// reference is released, on whichever thread releases it: so moving and
// destroying it must not throw, and it must not be a reference or const.
#ifndef OPENK4A_CXX_OWNER_H_
#define OPENK4A_CXX_OWNER_H_

#include <cstddef>
#include <iterator>
#include <type_traits>
#include <utility>

namespace openk4a
{
namespace internal
{

template <typename T, typename = void>
struct ByteOwnerTraits
{
    static constexpr bool kContiguous = false;
};

template <typename T>
struct ByteOwnerTraits<T,
                       std::void_t<decltype(std::data(std::declval<T &>())), decltype(std::size(std::declval<T &>()))>>
{
    using Pointer = decltype(std::data(std::declval<T &>()));
    using Element = std::remove_pointer_t<Pointer>;
    static constexpr bool kContiguous = std::is_pointer_v<Pointer> && !std::is_const_v<Element> &&
                                        !std::is_volatile_v<Element> && std::is_trivially_copyable_v<Element> &&
                                        std::is_standard_layout_v<Element> &&
                                        std::is_unsigned_v<decltype(std::size(std::declval<T &>()))>;
};

// Holds the owner on the heap for the image's lifetime; the image's C release
// callback deletes it.
template <typename Owner>
struct OwnerBox
{
    explicit OwnerBox(Owner &&from) noexcept : owner(std::move(from)) {}
    static void Release(void * /*buffer*/, void *box) noexcept
    {
        delete static_cast<OwnerBox *>(box);
    }
    Owner owner;
};

} // namespace internal

// True when T exposes writable contiguous elements (std::data/std::size).
template <typename T>
inline constexpr bool kExposesContiguousBytes = internal::ByteOwnerTraits<T>::kContiguous;

// True when Image::FromOwner() accepts a T passed as an rvalue.
template <typename T>
inline constexpr bool kIsBufferOwner = !std::is_reference_v<T> && !std::is_const_v<T> && !std::is_array_v<T> &&
                                       kExposesContiguousBytes<T> && std::is_nothrow_move_constructible_v<T> &&
                                       std::is_nothrow_move_assignable_v<T> && std::is_nothrow_destructible_v<T>;

} // namespace openk4a

#endif // OPENK4A_CXX_OWNER_H_

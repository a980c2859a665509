"""The house font embedded in the DOCX as Word does it (ECMA-376 17.8.1)."""

from naravard.render.docx_fonts import font_key, obfuscate


def test_obfuscation_xors_the_first_32_bytes_and_is_its_own_inverse():
    data = bytes(range(64))
    key = font_key("Regular")
    hidden = obfuscate(data, key)
    assert hidden[32:] == data[32:] and hidden[:32] != data[:32]
    assert obfuscate(hidden, key) == data


def test_the_key_is_a_stable_braced_guid_and_the_bytes_are_taken_in_reverse():
    key = font_key("Bold")
    assert key == font_key("Bold") and key.startswith("{") and key.endswith("}") and len(key) == 38
    zero = obfuscate(bytes(32), key)
    hexkey = key.strip("{}").replace("-", "")
    assert zero[0] == int(hexkey[30:32], 16) and zero[15] == int(hexkey[0:2], 16) and zero[16] == zero[0]

// Topic words the other programs do not look for; a list of topic indices (0 sports .. 3 business), or -1.
const TOPICS = [
  /\b(stadium|olympic|tennis|basketball|derby|midfielder|season)\b/i,
  /\b(budget|reform|campaign|leader|law)\b/i,
  /\b(ai|quantum|encryption|browser|smartphone|cloud|security)\b/i,
  /\b(merger|market|interest rates|prices|dividends|quarterly)\b/i,
];

function label_function(text) {
  const found = [];
  TOPICS.forEach((pattern, index) => {
    if (pattern.test(text)) found.push(index);
  });
  return found.length > 0 ? found : -1;
}

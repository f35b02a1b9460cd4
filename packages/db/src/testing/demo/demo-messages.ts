import { createRng } from "@alchemist/engine";

/** Synthetic SMS-like messages written for the demo (not taken from any dataset). */
const HAM = [
  "hey {name}, are we still on for {time}?",
  "ok see you at home tonight",
  "{name} says hi, call her back when you can",
  "running late, be there by {time}",
  "can you pick up milk and bread on the way home",
  "lol that was so funny, still laughing",
  "happy birthday {name}! have a great day",
  "did you finish the report for monday?",
  "sorry I missed your call, in a meeting till {time}",
  "love you, sleep well",
  "the train is delayed again, ugh",
  "dinner at {name}'s place tonight, bring dessert",
  "thanks for the lift yesterday",
  "are you coming to the match on saturday?",
  "just landed, will text when I get a taxi",
  "mum wants to know if you are home for lunch",
  "my phone is almost dead, talk later",
  "good luck with the exam tomorrow {name}",
  "can we move our call to {time}?",
  "I left the keys under the mat",
  "see you tonight at the usual place",
  "won the quiz at the pub last night haha",
  "the doctor said it is nothing serious, ok now",
  "remember to feed the cat please",
  "how was the trip? send photos",
  "free tonight? fancy a movie",
  "meeting moved to room 4, starts at {time}",
  "got your message, will reply properly later",
];
const SPAM = [
  "congratulations! you have won a {amount} prize. call now to claim",
  "urgent: your account will be suspended, reply with your pin",
  "winner! claim your free holiday, txt WIN to 80082",
  "you have been selected for a {amount} cash reward, call now",
  "free entry into our weekly draw, text STOP to opt out",
  "final notice: claim your {amount} voucher before midnight",
  "get cheap loans today, no credit check, reply YES",
  "your mobile number won {amount} in our lottery! call to claim",
  "hot singles in your area, txt DATE now",
  "limited offer: free ringtones, reply FREE to get yours",
  "urgent! we tried to contact you about your {amount} prize",
  "earn {amount} a week from home, call now",
  "you are a lucky winner of a new phone, claim at our site",
  "cash prize waiting, text CLAIM to 87121",
];
const NAMES = ["Sam", "Priya", "Leo", "Ana", "Tom", "Mei", "Joe", "Nina", "Ravi", "Kate"];
const TIMES = ["6pm", "7:30", "noon", "half 8", "9am", "10"];
const AMOUNTS = ["£500", "$1000", "£2000", "£100", "$250", "£1500"];

function fill(template: string, rng: () => number): string {
  const pick = (list: readonly string[]) => list[Math.floor(rng() * list.length)]!;
  return template.replace("{name}", pick(NAMES)).replace("{time}", pick(TIMES)).replace("{amount}", pick(AMOUNTS));
}

/**
 * 200 synthetic messages (about 70% ham = 0, 30% spam = 1), deterministic for a seed, all distinct.
 *
 * @example
 * demoMessages(7).length // 200
 */
export function demoMessages(seed = 7, count = 200): { text: string; label: 0 | 1 }[] {
  const rng = createRng(seed);
  const out: { text: string; label: 0 | 1 }[] = [];
  const seen = new Set<string>();
  const suffixes = ["", " !", " :)", " x", " pls", " thx", " ok?", " ..."];
  for (let attempt = 0; out.length < count && attempt < count * 50; attempt++) {
    // Random, not positional, so every split gets both classes.
    const label: 0 | 1 = rng() < 0.3 ? 1 : 0;
    const pool = label === 0 ? HAM : SPAM;
    const text = fill(pool[Math.floor(rng() * pool.length)]!, rng) + suffixes[Math.floor(rng() * suffixes.length)]!;
    if (seen.has(text)) continue;
    seen.add(text);
    out.push({ text, label });
  }
  if (out.length < count) throw new Error(`demoMessages: only ${out.length} distinct messages for ${count}`);
  return out;
}

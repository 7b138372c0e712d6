/** minitf's own word lists for `random_pet` (lower case, letters only). */
export const ADVERBS: readonly string[] = [
  'boldly', 'briskly', 'calmly', 'cheerfully', 'deftly', 'eagerly', 'evenly', 'fairly', 'firmly', 'freely',
  'gently', 'gladly', 'gracefully', 'happily', 'honestly', 'humbly', 'jointly', 'justly', 'keenly', 'kindly',
  'lightly', 'lively', 'loudly', 'merrily', 'mildly', 'neatly', 'nicely', 'openly', 'plainly', 'politely',
  'promptly', 'proudly', 'quickly', 'quietly', 'rapidly', 'readily', 'safely', 'sharply', 'simply', 'smoothly',
  'softly', 'solidly', 'steadily', 'surely', 'swiftly', 'tenderly', 'truly', 'vastly', 'warmly', 'wisely',
];

export const ADJECTIVES: readonly string[] = [
  'amber', 'agile', 'bold', 'brave', 'bright', 'calm', 'clever', 'cosmic', 'curious', 'dapper',
  'eager', 'fancy', 'fleet', 'fluffy', 'gentle', 'giddy', 'golden', 'grand', 'happy', 'hardy',
  'humble', 'jolly', 'keen', 'kind', 'lively', 'lucky', 'mellow', 'merry', 'mighty', 'modest',
  'nimble', 'noble', 'patient', 'plucky', 'polite', 'proud', 'quick', 'quiet', 'rapid', 'ready',
  'rosy', 'rustic', 'shiny', 'smart', 'snowy', 'steady', 'sunny', 'swift', 'tidy', 'witty',
];

export const ANIMALS: readonly string[] = [
  'alpaca', 'badger', 'beaver', 'bison', 'bobcat', 'camel', 'cheetah', 'condor', 'corgi', 'coyote',
  'crane', 'dingo', 'dolphin', 'eagle', 'falcon', 'ferret', 'finch', 'gazelle', 'gecko', 'gibbon',
  'heron', 'hornet', 'ibex', 'iguana', 'jackal', 'jaguar', 'koala', 'lemur', 'lizard', 'llama',
  'lynx', 'magpie', 'marmot', 'marten', 'mole', 'moose', 'newt', 'ocelot', 'octopus', 'osprey',
  'otter', 'owl', 'panda', 'pelican', 'penguin', 'puffin', 'quail', 'rabbit', 'raven', 'salmon',
  'seal', 'sparrow', 'squid', 'stork', 'tapir', 'toucan', 'turtle', 'walrus', 'weasel', 'yak',
];

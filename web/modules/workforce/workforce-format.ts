/** "1 case", "3 cases". */
export const cases = (n: number) => `${n} ${n === 1 ? 'case' : 'cases'}`;

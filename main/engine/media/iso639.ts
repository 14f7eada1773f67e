/**
 * BCP-47 → ISO 639-2/T for the audio stream's `language` tag. The table is the product's one
 * language list, common/languages.ts (the editor's picker offers the same languages).
 */
export { iso639_2 } from '../../../common/languages';
